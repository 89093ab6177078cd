import { useId } from 'react';

/**
 * The seed rule behind a metric: its name, with the quoted sentence and its source in a tooltip that
 * shows on hover and on keyboard focus (and in `title` for tools that read it).
 */
export function RuleInfo({ rule }: { rule: { name: string; quote: string; seed: string } }) {
  const id = useId();
  const full = `“${rule.quote}” (${rule.seed})`;
  return (
    <span className="rule-info">
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so keyboard users can open the tooltip */}
      <span className="rule-name" tabIndex={0} title={full} aria-describedby={id}>
        Rule: {rule.name}
      </span>
      <span role="tooltip" id={id} className="tooltip">
        “{rule.quote}” <span className="tooltip-source">Seed: {rule.seed}</span>
      </span>
    </span>
  );
}
