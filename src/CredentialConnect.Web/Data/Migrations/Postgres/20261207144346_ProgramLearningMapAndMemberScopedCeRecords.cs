using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CredentialConnect.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProgramLearningMapAndMemberScopedCeRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A program's one exam activity becomes the first of its exam activities.
            migrationBuilder.Sql("""
                UPDATE "Programs" SET "Learning" = ("Learning" - 'ExamActivityId') || jsonb_build_object('Exams',
                    jsonb_build_array(jsonb_build_object('ActivityId', "Learning"->>'ExamActivityId', 'PassingScorePercent', NULL)))
                WHERE "Learning"->>'ExamActivityId' IS NOT NULL;
                """);

            migrationBuilder.DropIndex(
                name: "IX_ContinuingEducationCredits_Source_SourceRecordId",
                table: "ContinuingEducationCredits");

            migrationBuilder.AddColumn<string>(
                name: "ActivityId",
                table: "InboxMessages",
                type: "character varying(512)",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidsEventId",
                table: "InboxMessages",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_InboxMessages_Kind_ActivityId",
                table: "InboxMessages",
                columns: new[] { "Kind", "ActivityId" },
                filter: "\"ActivityId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_InboxMessages_Source_VoidsEventId",
                table: "InboxMessages",
                columns: new[] { "Source", "VoidsEventId" },
                filter: "\"VoidsEventId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ContinuingEducationCredits_MemberId_Source_SourceRecordId",
                table: "ContinuingEducationCredits",
                columns: new[] { "MemberId", "Source", "SourceRecordId" },
                unique: true,
                filter: "\"SourceRecordId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE "Programs" SET "Learning" = ("Learning" - 'Exams') || jsonb_build_object('ExamActivityId', "Learning"->'Exams'->0->>'ActivityId')
                WHERE jsonb_array_length(COALESCE("Learning"->'Exams', '[]'::jsonb)) > 0;
                """);

            migrationBuilder.DropIndex(
                name: "IX_InboxMessages_Kind_ActivityId",
                table: "InboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_InboxMessages_Source_VoidsEventId",
                table: "InboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_ContinuingEducationCredits_MemberId_Source_SourceRecordId",
                table: "ContinuingEducationCredits");

            migrationBuilder.DropColumn(
                name: "ActivityId",
                table: "InboxMessages");

            migrationBuilder.DropColumn(
                name: "VoidsEventId",
                table: "InboxMessages");

            migrationBuilder.CreateIndex(
                name: "IX_ContinuingEducationCredits_Source_SourceRecordId",
                table: "ContinuingEducationCredits",
                columns: new[] { "Source", "SourceRecordId" },
                unique: true,
                filter: "\"SourceRecordId\" IS NOT NULL");
        }
    }
}
