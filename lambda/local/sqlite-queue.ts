import { randomUUID } from 'node:crypto';
import { type DeadLetterReason, deadLetterAttributes, replayAttributes } from '../core/dead-letter.js';
import {
  countDeadLetter,
  countMoved,
  type DeadLetterCounts,
  emptyCounts,
  emptyRedriveResult,
  type RedriveResult,
} from '../core/dead-letter-counts.js';
import type { EmployeeChange } from '../core/employee-change.js';
import { SyncError } from '../core/errors.js';
import { type DeadLetterView, type RedriveFilter, selects, viewOf } from '../core/redrive-selection.js';
import type { QueueRecord } from '../service/sync-batch.js';
import { errorCode, type LocalDatabase } from './database.js';
import { checkBody, MessageRow, readAttributes, toMessage } from './queue-rows.js';

/**
 * The main queue and its dead-letter queue in the local data file, with the SQS semantics the worker
 * relies on: a received message is hidden for the visibility timeout and counted; one received
 * `maxReceiveCount` times goes to the DLQ on its next receive, attributes unchanged and no reason
 * (SQS's redrive policy); the worker's backoff hides a message for a while (ChangeMessageVisibility);
 * a message is gone only once deleted. Every row read back is checked against the EmployeeChange
 * schema first: a corrupt one is dead-lettered with its reason and never reaches the worker.
 */
export interface LocalQueue {
  /** One message per change; resolves once all of them are committed, or throws `queue-unavailable`. */
  send(changes: readonly EmployeeChange[]): Promise<void>;
  /** Up to `max` visible messages, oldest first, each hidden for `visibilitySeconds` and counted. */
  receive(max: number, visibilitySeconds: number): Promise<QueueRecord[]>;
  delete(messageIds: readonly string[]): Promise<void>;
  /** Hides a message for `seconds` from now: the worker's backoff before it is delivered again. */
  delay(messageId: string, seconds: number): Promise<void>;
  /**
   * What `deps.deadLetters.send` does: the body unchanged, the reason in attributes by the rules
   * lambda/aws/dlq.ts writes them with (core/dead-letter.ts). Also removes the message from the main queue in the same commit.
   */
  deadLetter(record: DeadLetterInput, reason: DeadLetterReason): Promise<void>;
  /**
   * Makes every message a previous run was holding visible at once. Only for a host that owns the
   * data directory (see host-lock.ts): any message held then was held by a process that is gone.
   */
  recoverHeld(): Promise<number>;
  counts(): Promise<QueueCounts>;
  listDeadLetters(options?: { limit?: number }): Promise<DeadLetterView[]>;
  /** Back to the main queue, `replayCount` + 1 and the reason dropped, for what `filter` selects. */
  replay(filter: RedriveFilter, options?: { dryRun?: boolean; limit?: number }): Promise<RedriveResult>;
}

export interface DeadLetterInput {
  /** The main-queue message to remove, when the record came from it. */
  messageId?: string;
  body: string;
  attributes?: Record<string, string>;
}

export interface QueueCounts {
  queue: {
    visible: number;
    /** Received and not yet deleted: being worked on, or backing off before its next delivery. */
    inFlight: number;
    /** Sent with a delay that has not passed (nothing sends one locally yet: kept for parity with SQS). */
    delayed: number;
  };
  deadLetters: DeadLetterCounts;
}

export interface LocalQueueOptions {
  db: LocalDatabase;
  now?: () => number;
  /** SQS's redrive policy, as the stack sets it. */
  maxReceiveCount?: number;
  newId?: () => string;
}

export const MAX_RECEIVE_COUNT = 5;
// SQS's own ceiling for a visibility timeout (ChangeMessageVisibility), 12 hours.
const MAX_VISIBILITY_SECONDS = 12 * 60 * 60;

export function createLocalQueue(options: LocalQueueOptions): LocalQueue {
  const { db, now = Date.now, maxReceiveCount = MAX_RECEIVE_COUNT, newId = randomUUID } = options;

  const statements = {
    insert: db.prepare(
      'INSERT INTO messages (id, body, attributes, sent_at, visible_at) VALUES (?, ?, ?, ?, ?)',
    ),
    visibleAfter: db.prepare(
      `SELECT seq, id, body, attributes, receive_count, first_received_at FROM messages
       WHERE visible_at <= ? AND seq > ? ORDER BY seq LIMIT ?`,
    ),
    markReceived: db.prepare(
      `UPDATE messages SET receive_count = receive_count + 1, visible_at = ?, held = 1,
       first_received_at = coalesce(first_received_at, ?) WHERE id = ?`,
    ),
    remove: db.prepare('DELETE FROM messages WHERE id = ?'),
    removeSeq: db.prepare('DELETE FROM messages WHERE seq = ?'),
    hide: db.prepare('UPDATE messages SET visible_at = ?, held = 0 WHERE id = ?'),
    recover: db.prepare('UPDATE messages SET visible_at = ?, held = 0 WHERE held = 1'),
    insertDead: db.prepare(
      'INSERT INTO dead_letters (id, body, attributes, dead_lettered_at) VALUES (?, ?, ?, ?)',
    ),
    deadLetters: db.prepare('SELECT id, body, attributes FROM dead_letters ORDER BY seq LIMIT ?'),
    removeDead: db.prepare('DELETE FROM dead_letters WHERE id = ?'),
    depth: db.prepare(
      `SELECT count(*) FILTER (WHERE visible_at <= :now) AS visible,
              count(*) FILTER (WHERE visible_at > :now AND (held = 1 OR receive_count > 0)) AS inFlight,
              count(*) FILTER (WHERE visible_at > :now AND held = 0 AND receive_count = 0) AS delayed
       FROM messages`,
    ),
  };

  const moveToDeadLetters = (id: string, body: string, attributes: Record<string, string>, at: number) => {
    statements.insertDead.run(id, body, JSON.stringify(attributes), at);
    statements.remove.run(id);
  };

  const sendAll = db.transaction((messages: { body: string; attributes: string }[], at: number) => {
    for (const message of messages) statements.insert.run(newId(), message.body, message.attributes, at, at);
  });

  const receiveVisible = db.transaction((max: number, visibilityMs: number, at: number) => {
    const records: QueueRecord[] = [];
    let after = 0;
    while (records.length < max) {
      const rows = statements.visibleAfter.all(at, after, max - records.length);
      if (rows.length === 0) break;
      for (const raw of rows) {
        const parsed = MessageRow.safeParse(raw);
        after = Number((raw as { seq?: unknown }).seq);
        const row = parsed.success ? parsed.data : undefined;
        const attributes = row && readAttributes(row.attributes);
        if (row && row.receive_count >= maxReceiveCount) {
          // SQS's redrive: the message as it was, its id kept, no reason (the CLI reads "no errorClass").
          moveToDeadLetters(row.id, row.body, attributes ?? {}, at);
          continue;
        }
        const firstSeenAt = new Date(row?.first_received_at ?? at).toISOString();
        const problem = !row
          ? 'is not a readable queue row'
          : attributes === undefined
            ? 'has attributes that are not readable'
            : checkBody(row.body);
        if (problem || !row) {
          const id = String((raw as { id?: unknown }).id);
          const body = (raw as { body?: unknown }).body;
          const reason: DeadLetterReason = {
            errorClass: 'invalid-message',
            message: `local queue: message ${id} ${problem}`,
            attempt: (row?.receive_count ?? 0) + 1,
            firstSeenAt,
          };
          const failedAt = new Date(at).toISOString();
          statements.insertDead.run(
            newId(),
            typeof body === 'string' ? body : '',
            JSON.stringify(deadLetterAttributes(attributes ?? {}, reason, failedAt)),
            at,
          );
          statements.removeSeq.run(after);
          continue;
        }
        statements.markReceived.run(at + visibilityMs, at, row.id);
        records.push({
          messageId: row.id,
          body: row.body,
          attributes: attributes ?? {},
          receiveCount: row.receive_count + 1,
          firstSeenAt,
        });
      }
    }
    return records;
  });

  const deleteAll = db.transaction((ids: readonly string[]) => {
    for (const id of ids) statements.remove.run(id);
  });

  const deadLetterOne = db.transaction((record: DeadLetterInput, reason: DeadLetterReason, at: number) => {
    const attributes = deadLetterAttributes(record.attributes ?? {}, reason, new Date(at).toISOString());
    statements.insertDead.run(newId(), record.body, JSON.stringify(attributes), at);
    if (record.messageId !== undefined) statements.remove.run(record.messageId);
  });

  const deadLetterViews = (limit: number) =>
    statements.deadLetters.all(limit).map((raw) => {
      // Read leniently: a dead letter is kept for a person, whatever state its row is in.
      const { id, body, attributes } = raw as Record<string, unknown>;
      const row = { id: String(id), body: typeof body === 'string' ? body : '' };
      const strings = (typeof attributes === 'string' && readAttributes(attributes)) || {};
      return { row, view: viewOf({ messageId: row.id, body: row.body, attributes: strings }) };
    });

  const replaySelected = db.transaction(
    (filter: RedriveFilter, dryRun: boolean, limit: number, at: number): RedriveResult => {
      const result = emptyRedriveResult();
      for (const { row, view } of deadLetterViews(Number.MAX_SAFE_INTEGER)) {
        result.examined += 1;
        if (result.moved >= limit || !selects(view, filter)) {
          result.kept += 1;
          continue;
        }
        countMoved(result, view);
        if (dryRun) continue;
        // A new message id, as SQS gives one on SendMessage; the eventId in the body stays.
        const attributes = replayAttributes(view.attributes, view.replayCount);
        statements.insert.run(newId(), row.body, JSON.stringify(attributes), at, at);
        statements.removeDead.run(row.id);
      }
      return result;
    },
  );

  return {
    async send(changes) {
      const messages = changes.map(toMessage);
      try {
        sendAll.immediate(messages, now());
      } catch (error) {
        throw new SyncError(
          'transient',
          'queue-unavailable',
          `local queue: cannot store ${messages.length} change(s) (${errorCode(error)})`,
          {},
          { cause: error },
        );
      }
    },

    async receive(max, visibilitySeconds) {
      const visibilityMs = clampSeconds(visibilitySeconds) * 1000;
      return receiveVisible.immediate(Math.max(0, Math.floor(max)), visibilityMs, now());
    },

    async delete(messageIds) {
      deleteAll.immediate(messageIds);
    },

    async delay(messageId, seconds) {
      statements.hide.run(now() + clampSeconds(seconds) * 1000, messageId);
    },

    async deadLetter(record, reason) {
      try {
        deadLetterOne.immediate(record, reason, now());
      } catch (error) {
        throw new SyncError(
          'transient',
          'dlq-unavailable',
          `local queue: cannot store the dead letter (${errorCode(error)})`,
          {},
          { cause: error },
        );
      }
    },

    async recoverHeld() {
      return statements.recover.run(now()).changes;
    },

    async counts() {
      const depth = statements.depth.get({ now: now() }) as Record<string, number | null>;
      const deadLetters = emptyCounts();
      for (const { view } of deadLetterViews(Number.MAX_SAFE_INTEGER)) countDeadLetter(deadLetters, view);
      return {
        queue: {
          visible: depth.visible ?? 0,
          inFlight: depth.inFlight ?? 0,
          delayed: depth.delayed ?? 0,
        },
        deadLetters,
      };
    },

    async listDeadLetters({ limit = Number.MAX_SAFE_INTEGER } = {}) {
      return deadLetterViews(limit).map(({ view }) => view);
    },

    async replay(filter, { dryRun = false, limit = Number.MAX_SAFE_INTEGER } = {}) {
      return replaySelected.immediate(filter, dryRun, limit, now());
    },
  };
}

function clampSeconds(seconds: number): number {
  return Number.isFinite(seconds) ? Math.min(MAX_VISIBILITY_SECONDS, Math.max(0, Math.ceil(seconds))) : 0;
}
