using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CredentialConnect.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Directory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Nothing to add: on the embedded default the directory searches the member columns with LIKE
            // (Features/Directory/DirectoryQueries.cs). The full-text columns and indexes are PostgreSQL's alone.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
