using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CredentialConnect.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DirectorySpeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The directory's credential filters without a join (see Features/Directory/DirectoryQueries.cs): each member's
            // credentials as words, kept by triggers, and indexed only for members who show their credentials.
            migrationBuilder.Sql("""
                ALTER TABLE "Members" ADD COLUMN "DirectoryCredentialKeys" text[] NOT NULL DEFAULT '{}';
                """);

            // Recomputes the words of these members from their credentials: c:<code>, c:<code>:<status> and s:<status>,
            // lower-cased. The members' rows are locked first, then read in a statement of their own, so two transactions
            // changing one member's credentials at once each see the other's committed change.
            migrationBuilder.Sql("""
                CREATE FUNCTION "DirectoryRefreshCredentialKeys"(members uuid[]) RETURNS void LANGUAGE sql AS $$
                    SELECT 1 FROM "Members" WHERE "Id" = ANY(members) ORDER BY "Id" FOR UPDATE;
                    UPDATE "Members" m SET "DirectoryCredentialKeys" = coalesce(k.keys, '{}')
                    FROM unnest(members) AS ids(id)
                    LEFT JOIN (
                        SELECT c."MemberId", array_agg(DISTINCT key ORDER BY key) AS keys
                        FROM "Credentials" c JOIN "Programs" p ON p."Id" = c."ProgramId",
                            unnest(ARRAY['c:' || lower(p."Code"), 'c:' || lower(p."Code") || ':' || lower(c."Status"), 's:' || lower(c."Status")]) AS key
                        WHERE c."MemberId" = ANY(members)
                        GROUP BY c."MemberId") k ON k."MemberId" = ids.id
                    WHERE m."Id" = ids.id AND m."DirectoryCredentialKeys" IS DISTINCT FROM coalesce(k.keys, '{}');
                $$;
                """);

            // Statement triggers with transition tables: a set-based update (the daily sweep, a bulk revoke) refreshes
            // each member it touched once, in the same transaction.
            migrationBuilder.Sql("""
                CREATE FUNCTION "DirectoryCredentialsChanged"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        PERFORM "DirectoryRefreshCredentialKeys"(ARRAY(SELECT DISTINCT "MemberId" FROM new_rows));
                    ELSIF TG_OP = 'DELETE' THEN
                        PERFORM "DirectoryRefreshCredentialKeys"(ARRAY(SELECT DISTINCT "MemberId" FROM old_rows));
                    ELSE
                        PERFORM "DirectoryRefreshCredentialKeys"(ARRAY(
                            SELECT DISTINCT unnest(ARRAY[n."MemberId", o."MemberId"])
                            FROM new_rows n JOIN old_rows o ON o."Id" = n."Id"
                            WHERE (n."Status", n."ProgramId", n."MemberId") IS DISTINCT FROM (o."Status", o."ProgramId", o."MemberId")));
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "Credentials_DirectoryInsert" AFTER INSERT ON "Credentials"
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "DirectoryCredentialsChanged"();
                CREATE TRIGGER "Credentials_DirectoryUpdate" AFTER UPDATE ON "Credentials"
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "DirectoryCredentialsChanged"();
                CREATE TRIGGER "Credentials_DirectoryDelete" AFTER DELETE ON "Credentials"
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "DirectoryCredentialsChanged"();
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION "DirectoryProgramsChanged"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM "DirectoryRefreshCredentialKeys"(ARRAY(
                        SELECT DISTINCT c."MemberId" FROM "Credentials" c
                        JOIN new_rows n ON n."Id" = c."ProgramId" JOIN old_rows o ON o."Id" = n."Id"
                        WHERE n."Code" IS DISTINCT FROM o."Code"));
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "Programs_DirectoryUpdate" AFTER UPDATE ON "Programs"
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "DirectoryProgramsChanged"();
                """);
            migrationBuilder.Sql("""
                SELECT "DirectoryRefreshCredentialKeys"(ARRAY(SELECT DISTINCT "MemberId" FROM "Credentials"));
                """);

            // The search column again, now with the credential words (weight C) of members who show their credentials.
            // PostgreSQL 15 cannot change a generated column's expression: it is dropped, with its index, and added back.
            migrationBuilder.Sql("""
                ALTER TABLE "Members" DROP COLUMN "DirectorySearch";
                ALTER TABLE "Members" ADD COLUMN "DirectorySearch" tsvector GENERATED ALWAYS AS (
                    CASE WHEN "DirectoryOptedIn" THEN
                        setweight(to_tsvector('simple'::regconfig,
                            CASE WHEN "DirectoryShowName" THEN "FirstName" || ' ' || "LastName" ELSE '' END), 'A')
                        || setweight(to_tsvector('simple'::regconfig,
                            CASE WHEN "DirectoryShowLocation" THEN coalesce("City", '') || ' ' || coalesce("Region", '') || ' ' || coalesce("Country", '') ELSE '' END), 'B')
                        || setweight(array_to_tsvector(
                            CASE WHEN "DirectoryShowCredentials" THEN "DirectoryCredentialKeys" ELSE '{}' END), 'C')
                    END) STORED;
                CREATE INDEX "IX_Members_DirectorySearch" ON "Members" USING GIN ("DirectorySearch") WHERE "DirectoryListed";
                """);

            // The directory order with no NULLs in it (a hidden name sorts last by its own key, with empty names), so a
            // keyset page is one row comparison the index answers: (hidden, last, first, id) > (the cursor's).
            migrationBuilder.Sql("""
                DROP INDEX "IX_Members_DirectoryOrder";
                CREATE INDEX "IX_Members_DirectoryKeyset" ON "Members" (
                    (NOT "DirectoryShowName"), (CASE WHEN "DirectoryShowName" THEN lower("LastName") ELSE '' END),
                    (CASE WHEN "DirectoryShowName" THEN lower("FirstName") ELSE '' END), "Id")
                WHERE "DirectoryListed";
                """);
            // The credential filters no longer read "Credentials".
            migrationBuilder.Sql("""DROP INDEX "IX_Credentials_Directory";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Credentials_Directory" ON "Credentials" ("ProgramId", "Status", "MemberId");
                DROP INDEX "IX_Members_DirectoryKeyset";
                CREATE INDEX "IX_Members_DirectoryOrder" ON "Members" (
                    (CASE WHEN "DirectoryShowName" THEN lower("LastName") END), (CASE WHEN "DirectoryShowName" THEN lower("FirstName") END), "Id")
                WHERE "DirectoryListed";
                ALTER TABLE "Members" DROP COLUMN "DirectorySearch";
                ALTER TABLE "Members" ADD COLUMN "DirectorySearch" tsvector GENERATED ALWAYS AS (
                    CASE WHEN "DirectoryOptedIn" THEN
                        setweight(to_tsvector('simple'::regconfig,
                            CASE WHEN "DirectoryShowName" THEN "FirstName" || ' ' || "LastName" ELSE '' END), 'A')
                        || setweight(to_tsvector('simple'::regconfig,
                            CASE WHEN "DirectoryShowLocation" THEN coalesce("City", '') || ' ' || coalesce("Region", '') || ' ' || coalesce("Country", '') ELSE '' END), 'B')
                    END) STORED;
                CREATE INDEX "IX_Members_DirectorySearch" ON "Members" USING GIN ("DirectorySearch") WHERE "DirectoryListed";
                DROP TRIGGER "Programs_DirectoryUpdate" ON "Programs";
                DROP TRIGGER "Credentials_DirectoryDelete" ON "Credentials";
                DROP TRIGGER "Credentials_DirectoryUpdate" ON "Credentials";
                DROP TRIGGER "Credentials_DirectoryInsert" ON "Credentials";
                DROP FUNCTION "DirectoryProgramsChanged"();
                DROP FUNCTION "DirectoryCredentialsChanged"();
                DROP FUNCTION "DirectoryRefreshCredentialKeys"(uuid[]);
                ALTER TABLE "Members" DROP COLUMN "DirectoryCredentialKeys";
                """);
        }
    }
}
