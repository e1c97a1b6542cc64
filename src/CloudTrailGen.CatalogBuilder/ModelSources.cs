using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CloudTrailGen.CatalogBuilder.V3;

namespace CloudTrailGen.CatalogBuilder;

/// <summary>
/// Reads every pinned package into <see cref="SdkModel"/>s: the aws-sdk v2 models, and one model
/// per SDK v3 client package, which takes the id of the v2 model with the same
/// <c>serviceId</c> (so that both generations of a service merge, and the overrides written for
/// the v2 model id apply to both), or its own short name for a service v2 never had.
/// </summary>
internal static class ModelSources
{
    public const string V2Package = "aws-sdk";

    public static List<SdkModel> Load(IReadOnlyList<SourcePin> pins, IReadOnlyDictionary<string, string> tarballs, List<string> notes)
    {
        var models = new List<SdkModel>();
        foreach (var pin in pins.Where(p => p.Package == V2Package))
        {
            models.AddRange(Builder.LoadModels(PackageSource.Read(tarballs[pin.Package]), $"{pin.Package} {pin.Version}"));
        }
        var v3 = pins.Where(p => p.Package.StartsWith(V3Package.Prefix, StringComparison.Ordinal)).ToList();
        var packages = new V3Package[v3.Count];
        Parallel.For(0, v3.Count, i => packages[i] = V3Package.Read(tarballs[v3[i].Package]));
        foreach (var (pin, package) in v3.Zip(packages))
        {
            if (package.Name != pin.Package || package.Version != pin.Version)
            {
                throw new BuilderException($"{tarballs[pin.Package]} holds {package.Name} {package.Version}, not the pinned {pin.Package} {pin.Version}");
            }
        }
        models.AddRange(Join(models, packages, notes));
        return models;
    }

    /// <summary>The SDK v3 packages as models, with ids joined to the v2 models by service id.</summary>
    public static List<SdkModel> Join(IReadOnlyList<SdkModel> v2, IReadOnlyList<V3Package> packages, List<string> notes)
    {
        var byServiceId = new Dictionary<string, SdkModel>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in v2)
        {
            if (model.ServiceId is { } sid) byServiceId.TryAdd(sid, model);
        }
        var converted = new (SdkModel Model, List<string> Notes)[packages.Count];
        Parallel.For(0, packages.Count, i =>
        {
            var package = packages[i];
            var own = new List<string>();
            var (model, dts) = SchemaConverter.Convert(package, own);
            string id = package.ServiceId is { } sid && byServiceId.TryGetValue(sid, out var match) ? match.Id : package.ShortName;
            converted[i] = (new SdkModel(id, package.ClassName, model, dts, Array.Empty<System.Text.Json.Nodes.JsonObject>(),
                $"{package.Name} {package.Version}", Generation: 3, MembersKnown: package.HasSchemas), own);
        });
        var result = new List<SdkModel>();
        foreach (var (model, own) in converted)
        {
            notes.AddRange(own);
            result.Add(model);
        }
        foreach (var clash in result.GroupBy(m => m.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            notes.Add($"{clash.Key}: the packages {string.Join(", ", clash.Select(m => m.Source))} share one model id");
        }
        return result;
    }
}
