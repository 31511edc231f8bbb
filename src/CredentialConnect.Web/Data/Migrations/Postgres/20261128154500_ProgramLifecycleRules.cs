using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CredentialConnect.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProgramLifecycleRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ApplicationForm",
                table: "Programs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Exam",
                table: "Programs",
                type: "jsonb",
                nullable: false,
                defaultValue: "{\"PassingScorePercent\":70,\"RetakeWaitDays\":0}");

            migrationBuilder.AddColumn<bool>(
                name: "IsPathway",
                table: "Programs",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ApplicationForm",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "Exam",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "IsPathway",
                table: "Programs");
        }
    }
}
