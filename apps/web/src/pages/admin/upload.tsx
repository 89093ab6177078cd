import { formatBytes, formatCount } from '@rapport/metrics/format';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';

const FORMATS = [
  { value: '', label: 'From the file name (.jsonl, .csv, .json)' },
  { value: 'jsonl', label: 'JSON Lines, one conversation a line' },
  { value: 'csv', label: 'CSV of turns' },
  { value: 'contact-lens', label: 'Amazon Connect Contact Lens' },
];

/** What `POST /uploads` answers: the CLI's ingest summary, or an error. */
interface UploadAnswer {
  uploadId?: number;
  accepted?: number;
  updated?: number;
  rejected?: { line: number; error: string }[];
  error?: string;
}

type UploadState =
  | { phase: 'idle' }
  | { phase: 'sending'; sent: number; total: number }
  | { phase: 'storing' }
  | { phase: 'done'; status: number; answer: UploadAnswer };

/**
 * Sends a log file to `POST /uploads?format=…&name=…` with the session cookie. XMLHttpRequest rather
 * than fetch: only it reports upload progress. The answer lists every rejected line with its reason.
 */
function send(
  file: File,
  format: string,
  onProgress: (sent: number, total: number) => void,
  onSent: () => void,
) {
  return new Promise<{ status: number; answer: UploadAnswer }>((resolve, reject) => {
    const query = new URLSearchParams({ name: file.name });
    if (format) query.set('format', format);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/uploads?${query}`);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.upload.onload = onSent;
    xhr.onerror = () => reject(new Error('The connection to the server failed.'));
    xhr.onload = () => {
      try {
        resolve({ status: xhr.status, answer: JSON.parse(xhr.responseText) as UploadAnswer });
      } catch {
        resolve({
          status: xhr.status,
          answer: { error: `The server did not answer with an import summary (HTTP ${xhr.status}).` },
        });
      }
    };
    xhr.send(file);
  });
}

export function UploadSection() {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState('');
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const fileId = useId();
  const result = useRef<HTMLDivElement>(null);
  const busy = state.phase === 'sending' || state.phase === 'storing';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setState({ phase: 'sending', sent: 0, total: file.size });
    try {
      const { status, answer } = await send(
        file,
        format,
        (sent, total) => setState({ phase: 'sending', sent, total }),
        () => setState({ phase: 'storing' }),
      );
      setState({ phase: 'done', status, answer });
      // New conversations change every scorecard.
      if ((answer.accepted ?? 0) + (answer.updated ?? 0) > 0) await queryClient.invalidateQueries();
    } catch (error) {
      setState({ phase: 'done', status: 0, answer: { error: (error as Error).message } });
    }
    result.current?.focus();
  };

  return (
    <section className="card" aria-labelledby="upload-title">
      <h2 id="upload-title">Upload interaction logs</h2>
      <p className="muted">
        Records are checked one by one: good ones are stored (the same id again replaces it), bad ones are
        listed below with their line number and the reason.
      </p>
      <form className="form-grid upload-form" onSubmit={submit}>
        <label htmlFor={fileId}>Log file</label>
        <input
          id={fileId}
          type="file"
          accept=".jsonl,.ndjson,.json,.csv,application/json,text/csv"
          required
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <label className="stacked-label">
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value)}>
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <div className="form-actions">
          <button type="submit" disabled={!file || busy}>
            {busy ? 'Uploading…' : 'Upload'}
          </button>
        </div>
      </form>
      <div className="upload-result" ref={result} tabIndex={-1} aria-live="polite">
        {state.phase === 'sending' && (
          <p role="status">
            Sending {formatBytes(state.sent)} of {formatBytes(state.total)}…{' '}
            <progress max={state.total} value={state.sent} aria-label="Upload progress" />
          </p>
        )}
        {state.phase === 'storing' && (
          <p role="status">
            Received; checking and storing the records… <progress aria-label="Storing" />
          </p>
        )}
        {state.phase === 'done' && <UploadSummary status={state.status} answer={state.answer} />}
      </div>
    </section>
  );
}

function UploadSummary({ status, answer }: { status: number; answer: UploadAnswer }) {
  const rejected = answer.rejected ?? [];
  return (
    <div className="upload-summary">
      {answer.error && (
        <p className="error" role="alert">
          {answer.error}
        </p>
      )}
      {answer.accepted !== undefined && (
        <p className={status === 200 && rejected.length === 0 ? 'success' : undefined}>
          {formatCount(answer.accepted, 'conversation')} stored ({answer.updated ?? 0} of them replaced
          earlier copies)
          {rejected.length > 0
            ? `, ${formatCount(rejected.length, 'record')} rejected.`
            : ', nothing rejected.'}
        </p>
      )}
      {rejected.length > 0 && (
        <div className="table-wrap">
          <table className="data-table rejected-lines">
            <caption>Rejected lines</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Line
                </th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {rejected.map((r) => (
                <tr key={`${r.line}:${r.error}`}>
                  <td className="num">{r.line}</td>
                  <td className="wrap">{r.error}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
