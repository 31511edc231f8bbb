using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CredentialConnect.Web.Data.Migrations.Postgres
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "IsDisabled",
                table: "WorkflowDefinitions",
                type: "boolean",
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
