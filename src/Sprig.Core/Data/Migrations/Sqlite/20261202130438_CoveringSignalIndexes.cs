using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sprig.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CoveringSignalIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Shares_UserId_CreatedAt",
                table: "Shares");

            migrationBuilder.DropIndex(
                name: "IX_Likes_UserId_CreatedAt",
                table: "Likes");

            migrationBuilder.CreateIndex(
                name: "IX_Shares_UserId_CreatedAt_TargetId",
                table: "Shares",
                columns: new[] { "UserId", "CreatedAt", "TargetId" });

            migrationBuilder.CreateIndex(
                name: "IX_Likes_UserId_CreatedAt_TargetId",
                table: "Likes",
                columns: new[] { "UserId", "CreatedAt", "TargetId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Shares_UserId_CreatedAt_TargetId",
                table: "Shares");

            migrationBuilder.DropIndex(
                name: "IX_Likes_UserId_CreatedAt_TargetId",
                table: "Likes");

            migrationBuilder.CreateIndex(
                name: "IX_Shares_UserId_CreatedAt",
                table: "Shares",
                columns: new[] { "UserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Likes_UserId_CreatedAt",
                table: "Likes",
                columns: new[] { "UserId", "CreatedAt" });
        }
    }
}
