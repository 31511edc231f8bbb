using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CredentialConnect.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Directory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The public directory's search (see Features/Directory/DirectoryQueries.cs). EF cannot model generated
            // tsvector columns or expression indexes, so they are written here. Both columns are computed from the
            // consent flags: a field a member hides never reaches the index.
            migrationBuilder.Sql("""
                ALTER TABLE "Members" ADD COLUMN "DirectoryListed" boolean GENERATED ALWAYS AS (
                    "DirectoryOptedIn" AND ("DirectoryShowName" OR "DirectoryShowEmail" OR "DirectoryShowLocation" OR "DirectoryShowCredentials")) STORED;
                """);
            migrationBuilder.Sql("""
                ALTER TABLE "Members" ADD COLUMN "DirectorySearch" tsvector GENERATED ALWAYS AS (
                    CASE WHEN "DirectoryOptedIn" THEN
                        setweight(to_tsvector('simple'::regconfig,
                            CASE WHEN "DirectoryShowName" THEN "FirstName" || ' ' || "LastName" ELSE '' END), 'A')
                        || setweight(to_tsvector('simple'::regconfig,
                            CASE WHEN "DirectoryShowLocation" THEN coalesce("City", '') || ' ' || coalesce("Region", '') || ' ' || coalesce("Country", '') ELSE '' END), 'B')
                    END) STORED;
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Members_DirectorySearch" ON "Members" USING GIN ("DirectorySearch") WHERE "DirectoryListed";
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Members_DirectoryOrder" ON "Members" (
                    (CASE WHEN "DirectoryShowName" THEN lower("LastName") END), (CASE WHEN "DirectoryShowName" THEN lower("FirstName") END), "Id")
                WHERE "DirectoryListed";
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Credentials_Directory" ON "Credentials" ("ProgramId", "Status", "MemberId");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Credentials_Directory";""");
            migrationBuilder.Sql("""DROP INDEX "IX_Members_DirectoryOrder";""");
            migrationBuilder.Sql("""DROP INDEX "IX_Members_DirectorySearch";""");
            migrationBuilder.Sql("""ALTER TABLE "Members" DROP COLUMN "DirectorySearch";""");
            migrationBuilder.Sql("""ALTER TABLE "Members" DROP COLUMN "DirectoryListed";""");
        }
    }
}
