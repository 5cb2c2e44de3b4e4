using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sprig.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FeedReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FeedItems_PoolLevel_PoolServed",
                table: "FeedItems");

            migrationBuilder.AddColumn<bool>(
                name: "ReviewDue",
                table: "FeedItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_FeedItems_OnAir_Eligible_Score",
                table: "FeedItems",
                columns: new[] { "OnAir", "Eligible", "Score" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedItems_ReviewDue",
                table: "FeedItems",
                column: "ReviewDue");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FeedItems_OnAir_Eligible_Score",
                table: "FeedItems");

            migrationBuilder.DropIndex(
                name: "IX_FeedItems_ReviewDue",
                table: "FeedItems");

            migrationBuilder.DropColumn(
                name: "ReviewDue",
                table: "FeedItems");

            migrationBuilder.CreateIndex(
                name: "IX_FeedItems_PoolLevel_PoolServed",
                table: "FeedItems",
                columns: new[] { "PoolLevel", "PoolServed" });
        }
    }
}
