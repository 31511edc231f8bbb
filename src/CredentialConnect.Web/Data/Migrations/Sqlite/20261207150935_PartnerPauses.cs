using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CredentialConnect.Web.Data.Migrations.Sqlite
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
                    Connector = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PausedUntil = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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

            migrationBuilder.AddColumn<long>(
                name: "PausedUntil",
                table: "SyncStreams",
                type: "INTEGER",
                nullable: true);
        }
    }
}
