using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CredentialConnect.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MemberLookups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Members_LmsActor",
                table: "Members",
                column: "LmsActor");

            // Email matching compares lower("Email"); EF cannot model an expression index, so it is created here.
            migrationBuilder.Sql("CREATE INDEX \"IX_Members_lower_Email\" ON \"Members\" (lower(\"Email\"));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX \"IX_Members_lower_Email\";");

            migrationBuilder.DropIndex(
                name: "IX_Members_LmsActor",
                table: "Members");
        }
    }
}
