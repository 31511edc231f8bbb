using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CredentialConnect.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkflowRuntimeIncidentsAndDisable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "OpenIncidents",
                table: "WorkflowInstances",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "IsDisabled",
                table: "WorkflowDefinitions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowInstances_OpenIncidents",
                table: "WorkflowInstances",
                column: "OpenIncidents");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowInstances_OpenIncidents",
                table: "WorkflowInstances");

            migrationBuilder.DropColumn(
                name: "OpenIncidents",
                table: "WorkflowInstances");

            migrationBuilder.DropColumn(
                name: "IsDisabled",
                table: "WorkflowDefinitions");
        }
    }
}
