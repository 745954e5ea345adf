import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Public records name no token (issue 17, item 8). Until commit 6df9571 each import made a public
 * source document titled "Delegate list for X, imported by <token label> on <date>"; since then
 * the title says what was imported and when ("Delegate list for X, imported on <date>"), and who
 * imported it is the admin-only audit trail's to say. This renames the documents an earlier
 * release made: each one found through the audit entry of the import that created it, whose actor
 * is the label its title names, so no title of any other shape is touched. The audit entries keep
 * the title as it was (they are the history, and only admins read them). PostgreSQL came after the
 * change, so its databases hold no such title.
 */
export class ImportDocumentTitles1796530000000 implements MigrationInterface {
    name = 'ImportDocumentTitles1796530000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        for (const { id, title, actor } of await importDocuments(queryRunner)) {
            const renamed = withoutActor(title, actor);
            if (renamed !== null) await queryRunner.query(`UPDATE "source_document" SET "title" = ? WHERE "id" = ?`, [renamed, id]);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const { id, title, actor, made } of await importDocuments(queryRunner)) {
            if (made !== null && withoutActor(made, actor) === title) await queryRunner.query(`UPDATE "source_document" SET "title" = ? WHERE "id" = ?`, [made, id]);
        }
    }

}

/** "Delegate list for X, imported by <actor> on <date>" as "Delegate list for X, imported on <date>"; null for a title of any other shape. */
function withoutActor(title: string, actor: string): string | null {
    const date = title.slice(-10);
    const named = `, imported by ${actor} on ${date}`;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !title.startsWith("Delegate list for ") || !title.endsWith(named)) return null;
    return `${title.slice(0, -named.length)}, imported on ${date}`;
}

/** The documents imports made, each with its title now, the actor of its import and the title it was made with. */
async function importDocuments(queryRunner: QueryRunner): Promise<{ id: number; title: string; actor: string; made: string | null }[]> {
    const entries = (await queryRunner.query(
        `SELECT "record", "actor", "after" FROM "audit_entry" WHERE "action" = 'importDelegates' AND "recordType" = 'SourceDocument'`,
    )) as { record: string; actor: string; after: string | null }[];
    const documents = [];
    for (const { record, actor, after } of entries) {
        const key = /^SourceDocument:(\d+)$/.exec(Buffer.from(record, "base64").toString("utf8"))?.[1];
        if (key === undefined) continue;
        const [row] = (await queryRunner.query(`SELECT "title" FROM "source_document" WHERE "id" = ?`, [Number(key)])) as { title: string }[];
        if (!row) continue;
        // The entry's snapshot, as the server wrote it: the title the document was made with.
        const made = (JSON.parse(after ?? "null") as { title?: unknown } | null)?.title;
        documents.push({ id: Number(key), title: row.title, actor, made: typeof made === "string" ? made : null });
    }
    return documents;
}
