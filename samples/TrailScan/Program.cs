namespace TrailScan;

/// <summary>
/// trailscan: the tool a CloudTrail user runs first. It reads logs (files, folders, standard
/// input, any wrapper) through the types CloudTrailGen generates for the services selected in
/// TrailScan.csproj, and summarizes them, writes them back, measures how much of them the
/// generated types cover, or writes synthetic ones. <see cref="Cli"/> runs it; each command is in
/// Commands/, what it reports in Reports/.
/// </summary>
internal static class Program
{
    public static int Main(string[] args) => Cli.Run(args, AppConsole.FromProcess());
}
