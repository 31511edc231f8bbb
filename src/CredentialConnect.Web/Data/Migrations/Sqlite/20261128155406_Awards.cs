using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CredentialConnect.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Awards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Attempts recorded before the attempt rules were enforced all counted.
            migrationBuilder.AddColumn<bool>(
                name: "CountsTowardAward",
                table: "ExamAttempts",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "Explanation",
                table: "ExamAttempts",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StatusReason",
                table: "Credentials",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CountsTowardAward",
                table: "ExamAttempts");

            migrationBuilder.DropColumn(
                name: "Explanation",
                table: "ExamAttempts");

            migrationBuilder.DropColumn(
                name: "StatusReason",
                table: "Credentials");
        }
    }
}
