using System;
using System.Collections.Generic;
using System.Linq;
using CloudTrailGen.Helpers;
using CloudTrailGen.Model;

namespace CloudTrailGen.Binding;

/// <summary>
/// Binding step: the names the envelope puts in the root namespace. Its enums and structures
/// (not the record) can be used by services; every type there, with the JSON context, the log
/// reader and the record's converter, is a name a service namespace must not start with.
/// </summary>
internal sealed class EnvelopeNames
{
    private EnvelopeNames(List<string> enums, List<string> objects, HashSet<string> rootTypes)
    {
        Enums = enums.ToEquatableArray();
        Objects = objects.ToEquatableArray();
        Shared = new HashSet<string>(enums.Concat(objects), StringComparer.Ordinal);
        RootTypes = rootTypes;
    }

    /// <summary>The envelope's enum shapes, which services can use.</summary>
    public EquatableArray<string> Enums { get; }

    /// <summary>The envelope's structures other than the record, which services can use.</summary>
    public EquatableArray<string> Objects { get; }

    /// <summary><see cref="Enums"/> and <see cref="Objects"/>, to look names up.</summary>
    public HashSet<string> Shared { get; }

    /// <summary>The types generated code declares in the root namespace.</summary>
    public HashSet<string> RootTypes { get; }

    public static EnvelopeNames Of(EnvelopeSpec? envelope)
    {
        var rootTypes = new HashSet<string>(StringComparer.Ordinal);
        if (envelope is null) return new EnvelopeNames(new List<string>(), new List<string>(), rootTypes);

        foreach (var shape in envelope.Shapes) rootTypes.Add(shape.ClassName);
        var rootShape = envelope.Shapes.FirstOrDefault(s => s.Name == envelope.RootShape);
        if (rootShape is not null) rootTypes.Add(KnownNames.RecordConverterClass(rootShape.ClassName));
        rootTypes.Add(KnownNames.ContextClass);
        rootTypes.Add(KnownNames.LogClass);
        rootTypes.Add(KnownNames.ServicesClass);

        var enums = envelope.Shapes.Where(s => s.IsEnum).Select(s => s.Name).ToList();
        var objects = envelope.Shapes.Where(s => !s.IsEnum && s.Name != envelope.RootShape).Select(s => s.Name).ToList();
        return new EnvelopeNames(enums, objects, rootTypes);
    }
}
