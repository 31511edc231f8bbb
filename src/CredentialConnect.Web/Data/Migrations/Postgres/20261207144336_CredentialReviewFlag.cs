using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CredentialConnect.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CredentialReviewFlag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FlaggedAt",
                table: "Credentials",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewClearedReason",
                table: "Credentials",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewReason",
                table: "Credentials",
                type: "character varying(1000)",
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
