import { eligibleQueues } from './eligibility.js';
import type { QueueTargetSet } from './queue-targets.js';
import { planEligibilityWrite, type AttributesPlan } from './worker-attributes.js';

/**
 * What to do about one worker: its eligible queues judged on these attributes (the JSON text
 * TaskRouter holds), and whether writing them under `key` changes anything. Membership of a
 * queue that cannot be judged here stays as the attributes list it.
 */
export function planWorker(
  attributesText: string,
  targets: QueueTargetSet,
  key: string,
): AttributesPlan {
  const attributes = parseObject(attributesText);
  const eligible = attributes === undefined ? [] : eligibleQueues(attributes, targets.queues);
  const listed = attributes?.[key];
  const kept = Array.isArray(listed)
    ? listed.filter((sid): sid is string => typeof sid === 'string' && targets.unreadable.has(sid))
    : [];
  return planEligibilityWrite({ current: attributesText, key, eligible: [...eligible, ...kept] });
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
