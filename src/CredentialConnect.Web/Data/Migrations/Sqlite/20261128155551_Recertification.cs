using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CredentialConnect.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Recertification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReviewReason",
                table: "ContinuingEducationCredits",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReviewedAt",
                table: "ContinuingEducationCredits",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedBy",
                table: "ContinuingEducationCredits",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CeAudits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgramId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SamplePercent = table.Column<double>(type: "REAL", precision: 5, scale: 2, nullable: false),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    RenewingWithinDays = table.Column<int>(type: "INTEGER", nullable: false),
                    WindowEndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PopulationCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CeAudits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CeAudits_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CredentialNotices",
                columns: table => new
                {
                    CredentialId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Cycle = table.Column<int>(type: "INTEGER", nullable: false),
                    DaysBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CredentialNotices", x => new { x.CredentialId, x.Cycle, x.DaysBefore });
                    table.ForeignKey(
                        name: "FK_CredentialNotices_Credentials_CredentialId",
                        column: x => x.CredentialId,
                        principalTable: "Credentials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CeAuditSelections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuditId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CredentialId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Cycle = table.Column<int>(type: "INTEGER", nullable: false),
                    CycleStartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CycleEndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CeAuditSelections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CeAuditSelections_CeAudits_AuditId",
                        column: x => x.AuditId,
                        principalTable: "CeAudits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CeAuditSelections_Credentials_CredentialId",
                        column: x => x.CredentialId,
                        principalTable: "Credentials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CeAuditCredits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SelectionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreditId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CeAuditCredits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CeAuditCredits_CeAuditSelections_SelectionId",
                        column: x => x.SelectionId,
                        principalTable: "CeAuditSelections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CeAuditCredits_ContinuingEducationCredits_CreditId",
                        column: x => x.CreditId,
                        principalTable: "ContinuingEducationCredits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContinuingEducationCredits_ReviewStatus",
                table: "ContinuingEducationCredits",
                column: "ReviewStatus");

            migrationBuilder.CreateIndex(
                name: "IX_CeAuditCredits_CreditId",
                table: "CeAuditCredits",
                column: "CreditId");

            migrationBuilder.CreateIndex(
                name: "IX_CeAuditCredits_SelectionId_CreditId",
                table: "CeAuditCredits",
                columns: new[] { "SelectionId", "CreditId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CeAudits_ProgramId_CreatedAt",
                table: "CeAudits",
                columns: new[] { "ProgramId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CeAuditSelections_AuditId",
                table: "CeAuditSelections",
                column: "AuditId");

            migrationBuilder.CreateIndex(
                name: "IX_CeAuditSelections_CredentialId_Cycle",
                table: "CeAuditSelections",
                columns: new[] { "CredentialId", "Cycle" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CeAuditSelections_MemberId",
                table: "CeAuditSelections",
                column: "MemberId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CeAuditCredits");

            migrationBuilder.DropTable(
                name: "CredentialNotices");

            migrationBuilder.DropTable(
                name: "CeAuditSelections");

            migrationBuilder.DropTable(
                name: "CeAudits");

            migrationBuilder.DropIndex(
                name: "IX_ContinuingEducationCredits_ReviewStatus",
                table: "ContinuingEducationCredits");

            migrationBuilder.DropColumn(
                name: "ReviewReason",
                table: "ContinuingEducationCredits");

            migrationBuilder.DropColumn(
                name: "ReviewedAt",
                table: "ContinuingEducationCredits");

            migrationBuilder.DropColumn(
                name: "ReviewedBy",
                table: "ContinuingEducationCredits");
        }
    }
}
