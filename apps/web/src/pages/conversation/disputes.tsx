import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { RouterOutputs } from '../../lib/api-types.ts';
import { evidenceLabel } from '../../lib/metrics.ts';
import { useTRPC } from '../../lib/trpc.ts';
import type { Evidence } from './transcript.tsx';

export type Dispute = RouterOutputs['disputes']['list'][number];

const STATUS_WORDS: Record<Dispute['status'], string> = {
  open: 'disputed, waiting for a decision',
  upheld: 'dispute upheld: flag removed',
  rejected: 'dispute rejected',
};

/** Disputes name a flag by its content: metric, turn, span and text (as disputes.create takes it). */
export function sameFlag(dispute: Dispute, flag: Evidence): boolean {
  return (
    dispute.metric === flag.metric &&
    dispute.turnIndex === flag.turnIndex &&
    dispute.start === flag.start &&
    dispute.end === flag.end
  );
}

/**
 * The agent's side of disputes in a conversation: a "Dispute" button after each flag, the form under
 * the turn, and the status of flags already disputed. Returns the two render props for the transcript.
 */
export function useFlagDisputes(conversationId: string, enabled: boolean) {
  const trpc = useTRPC();
  const disputes = useQuery({ ...trpc.disputes.list.queryOptions(), enabled });
  const [open, setOpen] = useState<Evidence | null>(null);
  const mine = disputes.data?.filter((d) => d.conversationId === conversationId) ?? [];

  const flagAction = (flag: Evidence) => {
    if (!enabled) return null;
    const existing = mine.find((d) => sameFlag(d, flag));
    if (existing)
      return (
        <span className={`badge dispute-status dispute-${existing.status}`}>
          {STATUS_WORDS[existing.status]}
        </span>
      );
    if (open?.index === flag.index) return null;
    return (
      <button type="button" className="small secondary" onClick={() => setOpen(flag)}>
        Dispute<span className="visually-hidden"> the flag “{evidenceLabel(flag.metric)}”</span>
      </button>
    );
  };
  const turnFooter = (turnIndex: number) =>
    open && open.turnIndex === turnIndex ? (
      <DisputeForm conversationId={conversationId} flag={open} onClose={() => setOpen(null)} />
    ) : null;
  return { flagAction, turnFooter };
}

function DisputeForm({
  conversationId,
  flag,
  onClose,
}: {
  conversationId: string;
  flag: Evidence;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const create = useMutation(
    trpc.disputes.create.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.disputes.list.pathKey() });
        onClose();
      },
    }),
  );
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { metric, turnIndex, start, end, text } = flag;
    create.mutate({
      conversationId,
      evidence: { metric: metric as Dispute['metric'], turnIndex, start, end, text },
      comment,
    });
  };
  return (
    <form
      className="dispute-form form-grid"
      onSubmit={submit}
      aria-label={`Dispute ${evidenceLabel(flag.metric)}`}
    >
      <label htmlFor={id}>Why is the flag “{evidenceLabel(flag.metric)}” wrong here?</label>
      <textarea
        id={id}
        ref={field}
        required
        maxLength={2_000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      {create.isError && (
        <p className="error" role="alert">
          Not sent: {create.error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Sending…' : 'Send dispute'}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
