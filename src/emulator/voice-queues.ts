/**
 * Twilio's Voice queues as the emulator's calls meet in them: named on first use, each with its
 * waiting callers (first in, first out) and the dials waiting on it. A caller who joins while a
 * dial waits is taken at once; a dial on a queue with callers takes the first. Pure bookkeeping:
 * the player decides what happens to the calls.
 */
export class VoiceQueues<
  Member extends { readonly sid: string },
  Dial extends { readonly sid: string },
> {
  private readonly members = new Map<string, Member[]>();
  private readonly dials = new Map<string, Dial[]>();

  /** The dial that takes `member` at once, or undefined: then the member waits in line. */
  join(queue: string, member: Member): Dial | undefined {
    const dial = this.dials.get(queue)?.shift();
    if (dial !== undefined) return dial;
    this.line(this.members, queue).push(member);
    return undefined;
  }

  /** The member `dial` takes at once, or undefined: then the dial waits. */
  dial(queue: string, dial: Dial): Member | undefined {
    const member = this.members.get(queue)?.shift();
    if (member !== undefined) return member;
    this.line(this.dials, queue).push(dial);
    return undefined;
  }

  /** Takes a member out of line (it left or hung up); false when it was no longer there. */
  leave(queue: string, sid: string): boolean {
    return remove(this.members.get(queue), sid);
  }

  /** Takes a dial off the queue (it timed out or hung up); false when it was no longer there. */
  stopWaiting(queue: string, sid: string): boolean {
    return remove(this.dials.get(queue), sid);
  }

  /** 1-based; 0 when not in line. */
  position(queue: string, sid: string): number {
    return (this.members.get(queue)?.findIndex((m) => m.sid === sid) ?? -1) + 1;
  }

  size(queue: string): number {
    return this.members.get(queue)?.length ?? 0;
  }

  private line<T>(lines: Map<string, T[]>, queue: string): T[] {
    let line = lines.get(queue);
    if (line === undefined) {
      line = [];
      lines.set(queue, line);
    }
    return line;
  }
}

function remove(line: { readonly sid: string }[] | undefined, sid: string): boolean {
  const index = line?.findIndex((entry) => entry.sid === sid) ?? -1;
  if (line === undefined || index < 0) return false;
  line.splice(index, 1);
  return true;
}
