import { PGlite } from '@electric-sql/pglite';
import { AbortedTransactionError, Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../../../server/src/db/database';
import { PreparedPGliteDialect } from '../../../server/src/db/pglite-prepared';

interface Tables {
  notes: { id: number; title: string; tags: string[]; meta: unknown; due: Date | null; done: boolean };
  counter: { id: number; value: number };
}

/** A plain note, for the tests that only need a row. */
const note = (id: number, title: string): Tables['notes'] => ({
  id,
  title,
  tags: [],
  meta: null,
  due: null,
  done: false,
});

/** The statements PGlite holds prepared right now. */
const preparedCount = async (db: Kysely<Tables>) =>
  (await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements`.execute(db)).rows[0]!.n;

describe('Kysely on PGlite with prepared statements', () => {
  let db: Kysely<Tables>;

  beforeAll(async () => {
    db = new Kysely<Tables>({ dialect: new PreparedPGliteDialect(() => PGlite.create()) });
    await db.schema
      .createTable('notes')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull().unique())
      .addColumn('tags', sql`text[]`, (c) => c.notNull())
      .addColumn('meta', 'jsonb')
      .addColumn('due', 'timestamptz')
      .addColumn('done', 'boolean', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('counter')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('value', 'integer', (c) => c.notNull())
      .execute();
    await db.insertInto('counter').values({ id: 1, value: 0 }).execute();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('round-trips every kind of value, and runs a repeated statement with each new set', async () => {
    const due = new Date('2026-11-29T10:15:30.123Z');
    const richNote = (id: number): Tables['notes'] => ({
      id,
      title: `note ${id}`,
      tags: [`t${id}`, 'shared', 'with, comma "quoted"'],
      meta: { id, nested: [id, null] },
      due: id % 2 ? due : null,
      done: id % 3 === 0,
    });
    for (let id = 1; id <= 20; id++) await db.insertInto('notes').values(richNote(id)).execute();
    for (const id of [7, 12, 3]) {
      expect(await db.selectFrom('notes').selectAll().where('id', '=', id).executeTakeFirstOrThrow()).toEqual(
        richNote(id),
      );
    }
    // The statement was parsed once and is reused: it is among the prepared statements.
    const names = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db);
    expect(names.rows.map((r) => r.statement)).toContain('select * from "notes" where "id" = $1');
  });

  it('reports the rows an update or delete touched', async () => {
    const updated = await db.updateTable('notes').set({ done: true }).where('id', '<=', 5).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(5n);
    const deleted = await db.deleteFrom('notes').where('id', '>', 18).executeTakeFirst();
    expect(deleted.numDeletedRows).toBe(2n);
  });

  it('keeps at most 256 statements prepared, and an evicted one still runs', async () => {
    for (let i = 0; i < 300; i++) {
      // Each text differs (a distinct alias), so each is a statement of its own.
      await db
        .selectFrom('notes')
        .select(sql<number>`${i}::int`.as(`value_${i}`))
        .where('id', '=', 1)
        .execute();
    }
    expect(await preparedCount(db)).toBeLessThanOrEqual(256);
    const first = await db
      .selectFrom('notes')
      .select(sql<number>`${0}::int`.as('value_0'))
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    expect(first.value_0).toBe(0);
  });

  it('prepares a statement again when its table changes shape under it', async () => {
    const before = await db.selectFrom('notes').selectAll().where('id', '=', 2).executeTakeFirstOrThrow();
    expect(before).not.toHaveProperty('colour');
    await db.schema
      .alterTable('notes')
      .addColumn('colour', 'text', (c) => c.defaultTo('blue'))
      .execute();
    const after = await db.selectFrom('notes').selectAll().where('id', '=', 2).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ id: 2, colour: 'blue' });
  });

  it('gives a failed statement its PostgreSQL error and carries on', async () => {
    const error = await db
      .insertInto('notes')
      .values(note(100, 'note 1'))
      .execute()
      .catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(await db.selectFrom('notes').select('id').where('id', '=', 1).executeTakeFirst()).toEqual({ id: 1 });
  });

  it('rolls back a transaction that fails, and refuses to commit one whose statement failed', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('notes').values(note(200, 'kept?')).execute();
        await trx.insertInto('notes').values(note(201, 'note 1')).execute();
      }),
    ).rejects.toSatisfy(isUniqueViolation);
    expect(await db.selectFrom('notes').select('id').where('id', '=', 200).executeTakeFirst()).toBeUndefined();

    // A statement failed and the error was swallowed: COMMIT would silently roll back.
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('notes').values(note(202, 'lost')).execute();
        await trx
          .insertInto('notes')
          .values(note(203, 'note 1'))
          .execute()
          .catch(() => {});
      }),
    ).rejects.toBeInstanceOf(AbortedTransactionError);
    expect(await db.selectFrom('notes').select('id').where('id', '=', 202).executeTakeFirst()).toBeUndefined();
  });

  it('runs transactions one at a time: 30 concurrent read-then-write increments all count', async () => {
    await Promise.all(
      Array.from({ length: 30 }, () =>
        db.transaction().execute(async (trx) => {
          const { value } = await trx
            .selectFrom('counter')
            .select('value')
            .where('id', '=', 1)
            .executeTakeFirstOrThrow();
          await new Promise((resolve) => setTimeout(resolve, 1));
          await trx
            .updateTable('counter')
            .set({ value: value + 1 })
            .where('id', '=', 1)
            .execute();
        }),
      ),
    );
    expect(await db.selectFrom('counter').select('value').where('id', '=', 1).executeTakeFirstOrThrow()).toEqual({
      value: 30,
    });
  });
});
