using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sprig.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SocialChangeFeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SocialChanges",
                columns: table => new
                {
                    Seq = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TxId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SocialChanges", x => x.Seq);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SocialChanges_At",
                table: "SocialChanges",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_SocialChanges_TxId_Seq",
                table: "SocialChanges",
                columns: new[] { "TxId", "Seq" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SocialChanges");
        }
    }
}
