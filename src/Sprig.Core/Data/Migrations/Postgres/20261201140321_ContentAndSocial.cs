using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sprig.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ContentAndSocial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReviewNote",
                table: "Comments",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Content",
                table: "Orders",
                columns: new[] { "ContentId", "Scene" },
                filter: "\"ContentId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_LiveViewers_OpenStay",
                table: "LiveViewers",
                columns: new[] { "ContentId", "UserId" },
                unique: true,
                filter: "\"LeftAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_Content",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_LiveViewers_OpenStay",
                table: "LiveViewers");

            migrationBuilder.DropColumn(
                name: "ReviewNote",
                table: "Comments");
        }
    }
}
