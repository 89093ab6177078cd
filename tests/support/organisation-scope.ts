/**
 * Reads SQL as the app sends it and says which organisation-keyed tables a statement touches
 * without naming the organisation: what would make Citus send it to every shard (docs/scaling.md).
 *
 * A use of a table is scoped when its `organisation_id` is compared with a value (`= $1`, `= ANY`,
 * `IN (…)`, a literal), joined to that of a scoped table, or written as a column of an INSERT or
 * COPY. Unqualified `organisation_id = …` predicates count for the uses not scoped otherwise, one each
 * (PostgreSQL refuses an unqualified column that two tables of one scope share, so each belongs to one).
 */

const NOT_AN_ALIAS = new Set([
  'where',
  'on',
  'set',
  'join',
  'left',
  'right',
  'inner',
  'full',
  'cross',
  'using',
  'group',
  'order',
  'limit',
  'offset',
  'values',
  'select',
  'returning',
  'union',
  'natural',
  'for',
  'having',
  'window',
  'default',
  'lateral',
  'from',
]);

export interface TableUse {
  table: string;
  /** The alias, or the table's own name when it has none. */
  ref: string;
  /** An INSERT or COPY whose column list names organisation_id. */
  writesOrganisation: boolean;
}

const IDENT = '"?([A-Za-z_][A-Za-z0-9_]*)"?';

export function tableUses(sql: string, tables: ReadonlySet<string>): TableUse[] {
  const pattern = new RegExp(
    `\\b(from|join|into|update|using|copy)\\s+(?:only\\s+)?${IDENT}(?:\\s+(?:as\\s+)?${IDENT})?(\\s*\\(([^)]*)\\))?`,
    'gi',
  );
  const uses: TableUse[] = [];
  for (const match of sql.matchAll(pattern)) {
    const keyword = (match[1] as string).toLowerCase();
    const table = (match[2] as string).toLowerCase();
    if (!tables.has(table)) continue;
    const alias = match[3]?.toLowerCase();
    const ref = alias && !NOT_AN_ALIAS.has(alias) ? alias : table;
    const columns = alias ? undefined : match[5];
    const writesOrganisation =
      (keyword === 'into' || keyword === 'copy') &&
      columns !== undefined &&
      /\borganisation_id\b/i.test(columns);
    uses.push({ table, ref, writesOrganisation });
  }
  return uses;
}

const OPERAND = `(?:${IDENT}\\.)?"?organisation_id"?`;
const VALUE = `(?:\\$\\d+|'[^']*'|any\\s*\\()`;

/** The organisation-keyed tables that `sql` reads or writes without naming the organisation. */
export function unscopedTables(sql: string, tables: ReadonlySet<string>): string[] {
  const uses = tableUses(sql, tables);
  if (uses.length === 0) return [];
  const scoped = new Set<string>();
  let unqualified = 0;
  const byValue = [
    new RegExp(`${OPERAND}\\s*=\\s*${VALUE}`, 'gi'),
    new RegExp(`${OPERAND}\\s+in\\s*\\(`, 'gi'),
  ];
  for (const pattern of byValue) {
    for (const match of sql.matchAll(pattern)) {
      if (match[1]) scoped.add(match[1].toLowerCase());
      else unqualified += 1;
    }
  }
  for (const match of sql.matchAll(new RegExp(`${VALUE}\\s*=\\s*${OPERAND}`, 'gi'))) {
    if (match[1]) scoped.add(match[1].toLowerCase());
    else unqualified += 1;
  }
  const joins = [...sql.matchAll(new RegExp(`${OPERAND}\\s*=\\s*${OPERAND}`, 'gi'))]
    .filter((m) => m[1] && m[2])
    .map((m) => [(m[1] as string).toLowerCase(), (m[2] as string).toLowerCase()] as const);
  for (const use of uses) if (use.writesOrganisation) scoped.add(use.ref);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [a, b] of joins) {
      if (scoped.has(a) !== scoped.has(b)) {
        scoped.add(a);
        scoped.add(b);
        grew = true;
      }
    }
  }
  const unscoped: string[] = [];
  for (const use of uses) {
    if (scoped.has(use.ref)) continue;
    if (unqualified > 0) {
      unqualified -= 1;
      continue;
    }
    unscoped.push(use.table);
  }
  return unscoped;
}
