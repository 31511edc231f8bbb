using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CredentialConnect.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CredentialLifecycle : Migration
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

            migrationBuilder.AddColumn<bool>(
                name: "CountsTowardAward",
                table: "ExamAttempts",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "Explanation",
                table: "ExamAttempts",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StatusReason",
                table: "Credentials",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewReason",
                table: "ContinuingEducationCredits",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReviewedAt",
                table: "ContinuingEducationCredits",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedBy",
                table: "ContinuingEducationCredits",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedBy",
                table: "Applications",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Eligibility",
                table: "Applications",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApplicationEvidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationEvidence_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationStatusChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    To = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationStatusChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationStatusChanges_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CeAudits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgramId = table.Column<Guid>(type: "uuid", nullable: false),
                    SamplePercent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    Seed = table.Column<int>(type: "integer", nullable: false),
                    RenewingWithinDays = table.Column<int>(type: "integer", nullable: false),
                    WindowEndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PopulationCount = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
                    CredentialId = table.Column<Guid>(type: "uuid", nullable: false),
                    Cycle = table.Column<int>(type: "integer", nullable: false),
                    DaysBefore = table.Column<int>(type: "integer", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                name: "Goals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgramId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PercentReady = table.Column<decimal>(type: "numeric(5,1)", precision: 5, scale: 1, nullable: false),
                    Eligible = table.Column<bool>(type: "boolean", nullable: false),
                    MetCount = table.Column<int>(type: "integer", nullable: false),
                    UnmetCount = table.Column<int>(type: "integer", nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Goals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Goals_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Goals_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationEvidenceFiles",
                columns: table => new
                {
                    EvidenceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationEvidenceFiles", x => x.EvidenceId);
                    table.ForeignKey(
                        name: "FK_ApplicationEvidenceFiles_ApplicationEvidence_EvidenceId",
                        column: x => x.EvidenceId,
                        principalTable: "ApplicationEvidence",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CeAuditSelections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AuditId = table.Column<Guid>(type: "uuid", nullable: false),
                    CredentialId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Cycle = table.Column<int>(type: "integer", nullable: false),
                    CycleStartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CycleEndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Explanation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                name: "GoalProgress",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GoalId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PercentReady = table.Column<decimal>(type: "numeric(5,1)", precision: 5, scale: 1, nullable: false),
                    Eligible = table.Column<bool>(type: "boolean", nullable: false),
                    MetCount = table.Column<int>(type: "integer", nullable: false),
                    UnmetCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GoalProgress", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GoalProgress_Goals_GoalId",
                        column: x => x.GoalId,
                        principalTable: "Goals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CeAuditCredits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SelectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreditId = table.Column<Guid>(type: "uuid", nullable: false),
                    Evidence = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Decision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                name: "IX_Applications_OneOpenPerMemberAndProgram",
                table: "Applications",
                columns: new[] { "MemberId", "ProgramId" },
                unique: true,
                filter: "\"Status\" IN ('Draft', 'Submitted', 'InReview')");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_Status_ReviewerId",
                table: "Applications",
                columns: new[] { "Status", "ReviewerId" });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationEvidence_ApplicationId",
                table: "ApplicationEvidence",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationStatusChanges_ApplicationId",
                table: "ApplicationStatusChanges",
                column: "ApplicationId");

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

            migrationBuilder.CreateIndex(
                name: "IX_GoalProgress_GoalId_RecordedAt",
                table: "GoalProgress",
                columns: new[] { "GoalId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Goals_MemberId_ProgramId",
                table: "Goals",
                columns: new[] { "MemberId", "ProgramId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Goals_ProgramId",
                table: "Goals",
                column: "ProgramId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicationEvidenceFiles");

            migrationBuilder.DropTable(
                name: "ApplicationStatusChanges");

            migrationBuilder.DropTable(
                name: "CeAuditCredits");

            migrationBuilder.DropTable(
                name: "CredentialNotices");

            migrationBuilder.DropTable(
                name: "GoalProgress");

            migrationBuilder.DropTable(
                name: "ApplicationEvidence");

            migrationBuilder.DropTable(
                name: "CeAuditSelections");

            migrationBuilder.DropTable(
                name: "Goals");

            migrationBuilder.DropTable(
                name: "CeAudits");

            migrationBuilder.DropIndex(
                name: "IX_ContinuingEducationCredits_ReviewStatus",
                table: "ContinuingEducationCredits");

            migrationBuilder.DropIndex(
                name: "IX_Applications_OneOpenPerMemberAndProgram",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_Status_ReviewerId",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "ApplicationForm",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "Exam",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "IsPathway",
                table: "Programs");

            migrationBuilder.DropColumn(
                name: "CountsTowardAward",
                table: "ExamAttempts");

            migrationBuilder.DropColumn(
                name: "Explanation",
                table: "ExamAttempts");

            migrationBuilder.DropColumn(
                name: "StatusReason",
                table: "Credentials");

            migrationBuilder.DropColumn(
                name: "ReviewReason",
                table: "ContinuingEducationCredits");

            migrationBuilder.DropColumn(
                name: "ReviewedAt",
                table: "ContinuingEducationCredits");

            migrationBuilder.DropColumn(
                name: "ReviewedBy",
                table: "ContinuingEducationCredits");

            migrationBuilder.DropColumn(
                name: "DecidedBy",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "Eligibility",
                table: "Applications");
        }
    }
}
