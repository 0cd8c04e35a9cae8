import type { Store } from '../../store/index.js';
import type { ServiceHandler } from './index.js';

/**
 * The housing commission's vote (processes/commission-vote.bpmn; seed 002 para 9(1): the provider
 * forms the commission, the commission votes and decides, the provider registers and signs).
 *
 * - `commission.members` seats the commission the provider's admin configured
 *   (PUT /api/providers/{provider}/commission) on the case: `commissionMembers` (usernames),
 *   `commissionChair`, and the counts the vote task's output mappings add to (`votesFor`,
 *   `votesAgainst`, `votesAbstained`: 0, `chairVote`: null) of the case's own provider (its members see only that
 *   provider's tasks); a `provider` variable, if any, must name that same provider. A provider with no
 *   commission fails the job (an incident naming the screen that sets one, Providers → provider →
 *   Housing commission, in an admin's words; the case page links there); retried once it is set.
 * - `commission.tally`, after the vote: `commissionVotes`, each `{ member, name, vote, reason, at }`
 *   read from the case's history — every completion of a task with the form `commission-vote`: the
 *   member who completed it, what they submitted, when — in the order cast, `name` the account's
 *   display name; `commissionNames` (every member's display name, by username); and `commissionDecision`
 *   (`approved` | `refused`) with `commissionDecidedBy` (`majority` | `chair` | `noMajority`) by
 *   {@link commissionOutcome}, which the diagram's completion condition mirrors.
 */
export function commissionServices(store: Store): Record<string, ServiceHandler> {
  return {
    'commission.members': async (input) => {
      const instance = await store.instances.get(input.instanceId);
      // The case's own provider votes: a call activity's case inherits its caller's. A `provider`
      // variable is only a cross-check (diagrams deployed before it became optional pass one).
      const named = input.variables.provider;
      if (named !== undefined && named !== null && (typeof named !== 'string' || !named)) throw new Error(`the variable "provider" is ${JSON.stringify(named)}, not a provider's name`);
      const provider = typeof named === 'string' ? named : instance?.provider;
      if (!provider) throw new Error('the case has no provider (whose housing commission votes)');
      if (instance && instance.provider !== provider) throw new Error(`provider "${provider}" is not this case's provider "${instance.provider}": the commission's members would not see the case's tasks`);
      const commission = await store.commissions.get(provider);
      if (!commission) throw new Error(`provider "${provider}" has no housing commission: an admin sets it under Providers → ${provider} → Housing commission, then retries this incident`);
      return { commissionMembers: commission.members, commissionChair: commission.chair, votesFor: 0, votesAgainst: 0, votesAbstained: 0, chairVote: null };
    },

    'commission.tally': async (input) => {
      const v = input.variables;
      const members = stringList(v.commissionMembers, 'commissionMembers');
      const chair = v.commissionChair;
      if (typeof chair !== 'string') throw new Error('the process has no variable "commissionChair"');
      const ballots = new Map((await store.tasks.list({ instanceId: input.instanceId, status: 'completed' })).filter((t) => t.formKey === 'commission-vote').map((t) => [t.id, t]));
      const votes: CommissionVote[] = [];
      for (const event of await store.history.byInstance(input.instanceId)) {
        const task = event.type === 'task.completed' ? ballots.get(String(event.data?.taskId)) : undefined;
        if (!task) continue;
        const submitted = (event.data?.variables ?? {}) as Record<string, unknown>;
        const member = task.completedBy ?? event.actor;
        const account = await store.users.get(member);
        votes.push({ member, name: account?.displayName ?? member, vote: voteOf(submitted.vote, member), reason: typeof submitted.reason === 'string' ? submitted.reason : null, at: event.at });
      }
      const outcome = commissionOutcome(votes, members, chair);
      if (!outcome) throw new Error(`the vote is not decided yet: ${votes.length} of ${members.length} voted`);
      // Every member's name, voted or not, for the decision's document.
      const commissionNames: Record<string, string> = {};
      for (const member of members) commissionNames[member] = (await store.users.get(member))?.displayName ?? member;
      return { commissionVotes: votes, commissionDecision: outcome.decision, commissionDecidedBy: outcome.by, commissionNames };
    },
  };
}

export type Vote = 'for' | 'against' | 'abstain';

export interface CommissionVote {
  member: string;
  name: string;
  vote: Vote;
  /** Required with a vote against (the form says so); optional otherwise. */
  reason: string | null;
  /** ISO instant the member's vote task was completed. */
  at: string | null;
}

/**
 * The commission's decision once it is certain, else null. A majority of the votes cast for or
 * against decides; an abstention counts for neither. A tie goes the chair's way; with the chair
 * abstaining it is no majority for privatization, so refused. "Certain" means no votes still to
 * come could change it: `for > against + remaining`, or the mirror, or a tie at best with the
 * chair's vote already cast (README, *The housing commission's vote*, for the reading of seed 002).
 */
export function commissionOutcome(votes: readonly { member: string; vote: Vote }[], members: readonly string[], chair: string): { decision: 'approved' | 'refused'; by: 'majority' | 'chair' | 'noMajority' } | null {
  const count = (vote: Vote) => votes.filter((x) => x.vote === vote).length;
  const pro = count('for');
  const con = count('against');
  const remaining = members.length - votes.length;
  const chairVote = votes.find((x) => x.member === chair)?.vote;
  if (pro > con + remaining) return { decision: 'approved', by: 'majority' };
  if (con > pro + remaining) return { decision: 'refused', by: 'majority' };
  if (pro === con + remaining && chairVote === 'for') return { decision: 'approved', by: 'chair' };
  if (con === pro + remaining && chairVote !== undefined && chairVote !== 'for') return { decision: 'refused', by: chairVote === 'against' ? 'chair' : 'noMajority' };
  return null;
}

function voteOf(value: unknown, member: string): Vote {
  if (value === 'for' || value === 'against' || value === 'abstain') return value;
  throw new Error(`the vote of "${member}" is "${String(value)}", not for, against or abstain`);
}

function stringList(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || !value.every((x) => typeof x === 'string')) throw new Error(`the process has no variable "${name}" (a list of usernames)`);
  return value;
}
