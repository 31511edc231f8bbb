using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CredentialConnect.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BadgeEngagements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BadgeEngagements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CredentialId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BadgeEngagements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BadgeEngagements_Credentials_CredentialId",
                        column: x => x.CredentialId,
                        principalTable: "Credentials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BadgeEngagements_At_Kind",
                table: "BadgeEngagements",
                columns: new[] { "At", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_BadgeEngagements_CredentialId",
                table: "BadgeEngagements",
                column: "CredentialId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BadgeEngagements");
        }
    }
}
