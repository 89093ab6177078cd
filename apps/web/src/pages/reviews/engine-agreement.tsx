import { formatPercent } from '@rapport/metrics/format';
import { useQuery } from '@tanstack/react-query';
import { Empty, Loading, QueryError } from '../../components/query-state.tsx';
import { ScrollRegion } from '../../components/scroll-region.tsx';
import type { RouterOutputs } from '../../lib/api-types.ts';
import { metricLabel } from '../../lib/metrics.ts';
import { useTRPC } from '../../lib/trpc.ts';

type Agreement = RouterOutputs['reviews']['engineAgreement'][number];

/** A kappa in words as well as a number: with one answer given throughout, chance explains it all. */
function kappaText(kappa: Agreement['kappa']): string {
  return kappa.kappa === null ? 'undefined (one answer throughout)' : kappa.kappa.toFixed(2);
}

/**
 * Where reviewers overrule the engine, most first: per pre-answered question of the reviews in the
 * viewer's scope, how often the reviewer kept the engine's answer, and Cohen's kappa between the two.
 * A question reviewers keep changing is where a metric, its lexicon or the question needs work.
 */
export function EngineAgreementTable() {
  const trpc = useTRPC();
  const agreement = useQuery(trpc.reviews.engineAgreement.queryOptions());
  return (
    <section className="card" aria-labelledby="engine-agreement-title">
      <h2 id="engine-agreement-title">Reviewers and the engine</h2>
      <p className="muted">
        Each question the engine pre-answers, over every standing review you can see: how often the reviewer
        kept the engine’s answer. Questions reviewers overrule most come first; they are where a metric or its
        word lists need a look.
      </p>
      {agreement.isPending && <Loading>Loading the agreement…</Loading>}
      {agreement.isError && (
        <QueryError error={agreement.error} what="the agreement" onRetry={() => agreement.refetch()} />
      )}
      {agreement.data?.length === 0 && <Empty>No reviewed question had an engine answer yet.</Empty>}
      {agreement.data && agreement.data.length > 0 && (
        <ScrollRegion label="Reviewers and the engine, per question">
          <table className="engine-agreement">
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col">Metric</th>
                <th scope="col">Reviews</th>
                <th scope="col">Kept the engine’s answer</th>
                <th scope="col">Cohen’s kappa</th>
              </tr>
            </thead>
            <tbody>
              {agreement.data.map((a) => (
                <tr key={a.questionId} data-question={a.questionId}>
                  <th scope="row">{a.question}</th>
                  <td>{metricLabel(a.metric)}</td>
                  <td>{a.n}</td>
                  <td>
                    {formatPercent(a.share)}{' '}
                    <span className="muted">
                      ({a.agreed} of {a.n})
                    </span>
                  </td>
                  <td>{kappaText(a.kappa)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
