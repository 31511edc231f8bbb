using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CredentialConnect.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AssociationSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssociationLogo",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssociationLogo", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AssociationSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Website = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Locale = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    PrimaryColour = table.Column<string>(type: "TEXT", maxLength: 7, nullable: true),
                    AccentColour = table.Column<string>(type: "TEXT", maxLength: 7, nullable: true),
                    PublicBaseUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssociationSettings", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "AssociationLogo",
                columns: new[] { "Id", "Content", "ContentType", "UpdatedAt" },
                values: new object[] { 1, null, null, null });

            migrationBuilder.InsertData(
                table: "AssociationSettings",
                columns: new[] { "Id", "AccentColour", "Email", "Locale", "Name", "PrimaryColour", "PublicBaseUrl", "TimeZone", "UpdatedAt", "UpdatedBy", "Version", "Website" },
                values: new object[] { 1, null, null, null, null, null, null, null, null, null, 0, null });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssociationLogo");

            migrationBuilder.DropTable(
                name: "AssociationSettings");
        }
    }
}
