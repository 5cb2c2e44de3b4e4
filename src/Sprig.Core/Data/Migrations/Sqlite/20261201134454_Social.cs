using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sprig.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Social : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BannedWords",
                columns: table => new
                {
                    Word = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    AddedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BannedWords", x => x.Word);
                });

            migrationBuilder.CreateTable(
                name: "BuyerInterests",
                columns: table => new
                {
                    BuyerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CategoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Weight = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BuyerInterests", x => new { x.BuyerId, x.CategoryId });
                });

            migrationBuilder.CreateTable(
                name: "Comments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    HoldReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Comments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ContentItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShopId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    MediaUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DurationSeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    HoldReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ReviewNote = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LikeCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ShareCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CommentCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LiveStatus = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ScheduledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PinnedProductId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ViewersNow = table.Column<int>(type: "INTEGER", nullable: false),
                    PeakViewers = table.Column<int>(type: "INTEGER", nullable: false),
                    TotalViewers = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FeedEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ImpressionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: true),
                    WatchSeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FeedItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ShopId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CategoryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    IsBrand = table.Column<bool>(type: "INTEGER", nullable: false),
                    Eligible = table.Column<bool>(type: "INTEGER", nullable: false),
                    OnAir = table.Column<bool>(type: "INTEGER", nullable: false),
                    PoolLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    PoolBudget = table.Column<int>(type: "INTEGER", nullable: false),
                    PoolServed = table.Column<int>(type: "INTEGER", nullable: false),
                    PoolEnteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Impressions = table.Column<long>(type: "INTEGER", nullable: false),
                    Clicks = table.Column<long>(type: "INTEGER", nullable: false),
                    Watches = table.Column<long>(type: "INTEGER", nullable: false),
                    Completions = table.Column<long>(type: "INTEGER", nullable: false),
                    Likes = table.Column<long>(type: "INTEGER", nullable: false),
                    Shares = table.Column<long>(type: "INTEGER", nullable: false),
                    Orders = table.Column<long>(type: "INTEGER", nullable: false),
                    Gmv = table.Column<long>(type: "INTEGER", nullable: false),
                    TierClicks = table.Column<long>(type: "INTEGER", nullable: false),
                    TierWatches = table.Column<long>(type: "INTEGER", nullable: false),
                    TierCompletions = table.Column<long>(type: "INTEGER", nullable: false),
                    TierLikes = table.Column<long>(type: "INTEGER", nullable: false),
                    TierShares = table.Column<long>(type: "INTEGER", nullable: false),
                    TierOrders = table.Column<long>(type: "INTEGER", nullable: false),
                    TierGmv = table.Column<long>(type: "INTEGER", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FeedPreferences",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Personalised = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedPreferences", x => x.UserId);
                });

            migrationBuilder.CreateTable(
                name: "Follows",
                columns: table => new
                {
                    FollowerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetKind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TargetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Follows", x => new { x.FollowerId, x.TargetKind, x.TargetId });
                });

            migrationBuilder.CreateTable(
                name: "FriendRequests",
                columns: table => new
                {
                    FromId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ToId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FriendRequests", x => new { x.FromId, x.ToId });
                });

            migrationBuilder.CreateTable(
                name: "Friendships",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FriendId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Friendships", x => new { x.UserId, x.FriendId });
                });

            migrationBuilder.CreateTable(
                name: "Impressions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BuyerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ShopId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Tab = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Pool = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    FriendsLiked = table.Column<int>(type: "INTEGER", nullable: false),
                    Boost = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    ServedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Impressions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Likes",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetKind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ShopId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Likes", x => new { x.UserId, x.TargetId });
                });

            migrationBuilder.CreateTable(
                name: "LiveViewers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JoinedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LeftAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiveViewers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PoolTiers",
                columns: table => new
                {
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Budget = table.Column<int>(type: "INTEGER", nullable: false),
                    MinCtrBps = table.Column<int>(type: "INTEGER", nullable: false),
                    MinCompletionBps = table.Column<int>(type: "INTEGER", nullable: false),
                    MinLikeBps = table.Column<int>(type: "INTEGER", nullable: false),
                    MinShareBps = table.Column<int>(type: "INTEGER", nullable: false),
                    MinCvrBps = table.Column<int>(type: "INTEGER", nullable: false),
                    MinGpm = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PoolTiers", x => x.Level);
                });

            migrationBuilder.CreateTable(
                name: "Shares",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetKind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ShopId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Chain = table.Column<string>(type: "TEXT", maxLength: 800, nullable: false),
                    ToUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Shares", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProductCards",
                columns: table => new
                {
                    ContentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShopId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PromotionId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProductCards", x => new { x.ContentId, x.ProductId });
                    table.ForeignKey(
                        name: "FK_ProductCards_ContentItems_ContentId",
                        column: x => x.ContentId,
                        principalTable: "ContentItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ContentId_Id",
                table: "Comments",
                columns: new[] { "ContentId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_Status_Id",
                table: "Comments",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentItems_AuthorId_Id",
                table: "ContentItems",
                columns: new[] { "AuthorId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentItems_LiveStatus_ScheduledAt",
                table: "ContentItems",
                columns: new[] { "LiveStatus", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentItems_ShopId_Id",
                table: "ContentItems",
                columns: new[] { "ShopId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentItems_Status_Id",
                table: "ContentItems",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedEvents_ItemId_At",
                table: "FeedEvents",
                columns: new[] { "ItemId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedEvents_UserId_At",
                table: "FeedEvents",
                columns: new[] { "UserId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedItems_AuthorId_CreatedAt",
                table: "FeedItems",
                columns: new[] { "AuthorId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedItems_CategoryId_Eligible_Score",
                table: "FeedItems",
                columns: new[] { "CategoryId", "Eligible", "Score" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedItems_Eligible_PoolLevel_Score",
                table: "FeedItems",
                columns: new[] { "Eligible", "PoolLevel", "Score" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedItems_Eligible_Score",
                table: "FeedItems",
                columns: new[] { "Eligible", "Score" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedItems_IsBrand_Eligible_Score",
                table: "FeedItems",
                columns: new[] { "IsBrand", "Eligible", "Score" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedItems_PoolLevel_PoolServed",
                table: "FeedItems",
                columns: new[] { "PoolLevel", "PoolServed" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedItems_ShopId_CreatedAt",
                table: "FeedItems",
                columns: new[] { "ShopId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Follows_TargetId_TargetKind",
                table: "Follows",
                columns: new[] { "TargetId", "TargetKind" });

            migrationBuilder.CreateIndex(
                name: "IX_FriendRequests_ToId",
                table: "FriendRequests",
                column: "ToId");

            migrationBuilder.CreateIndex(
                name: "IX_Impressions_BuyerId_ServedAt",
                table: "Impressions",
                columns: new[] { "BuyerId", "ServedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Likes_TargetId",
                table: "Likes",
                column: "TargetId");

            migrationBuilder.CreateIndex(
                name: "IX_Likes_UserId_CreatedAt",
                table: "Likes",
                columns: new[] { "UserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LiveViewers_ContentId_UserId_LeftAt",
                table: "LiveViewers",
                columns: new[] { "ContentId", "UserId", "LeftAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ProductCards_ProductId",
                table: "ProductCards",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_Shares_TargetId",
                table: "Shares",
                column: "TargetId");

            migrationBuilder.CreateIndex(
                name: "IX_Shares_UserId_CreatedAt",
                table: "Shares",
                columns: new[] { "UserId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BannedWords");

            migrationBuilder.DropTable(
                name: "BuyerInterests");

            migrationBuilder.DropTable(
                name: "Comments");

            migrationBuilder.DropTable(
                name: "FeedEvents");

            migrationBuilder.DropTable(
                name: "FeedItems");

            migrationBuilder.DropTable(
                name: "FeedPreferences");

            migrationBuilder.DropTable(
                name: "Follows");

            migrationBuilder.DropTable(
                name: "FriendRequests");

            migrationBuilder.DropTable(
                name: "Friendships");

            migrationBuilder.DropTable(
                name: "Impressions");

            migrationBuilder.DropTable(
                name: "Likes");

            migrationBuilder.DropTable(
                name: "LiveViewers");

            migrationBuilder.DropTable(
                name: "PoolTiers");

            migrationBuilder.DropTable(
                name: "ProductCards");

            migrationBuilder.DropTable(
                name: "Shares");

            migrationBuilder.DropTable(
                name: "ContentItems");
        }
    }
}
