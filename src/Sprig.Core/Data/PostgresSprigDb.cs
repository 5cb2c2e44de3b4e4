using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Sprig.Data;

public sealed class PostgresSprigDb(DbContextOptions<PostgresSprigDb> options) : SprigDb(options)
{
    public override bool IsPostgres => true;
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSprigDb>
{
    // never opened: dotnet ef only needs the provider to build the model
    public PostgresSprigDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSprigDb>().UseNpgsql("Host=localhost;Database=sprig_design").Options);
}
