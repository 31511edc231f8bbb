using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CredentialConnect.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CredentialReviewFlag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "FlaggedAt",
                table: "Credentials",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewClearedReason",
                table: "Credentials",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewReason",
                table: "Credentials",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_FlaggedAt",
                table: "Credentials",
                column: "FlaggedAt",
                filter: "\"FlaggedAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Credentials_FlaggedAt",
                table: "Credentials");

            migrationBuilder.DropColumn(
                name: "FlaggedAt",
                table: "Credentials");

            migrationBuilder.DropColumn(
                name: "ReviewClearedReason",
                table: "Credentials");

            migrationBuilder.DropColumn(
                name: "ReviewReason",
                table: "Credentials");
        }
    }
}
