export * from './metric-value.ts';
export * from './quantities.ts';
export * from './spreadsheet.ts';
export * from './table-csv.ts';
