using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CredentialConnect.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PartnerPauses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PausedUntil",
                table: "SyncStreams");

            migrationBuilder.CreateTable(
                name: "PartnerPauses",
                columns: table => new
                {
                    Connector = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PausedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerPauses", x => x.Connector);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PartnerPauses");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PausedUntil",
                table: "SyncStreams",
                type: "timestamp with time zone",
                nullable: true);
        }
    }
}
