using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CloudTrailGen.Fuzz;

/// <summary>
/// Code instrumented by SharpFuzz records branches in <c>SharpFuzz.Common.Trace.SharedMem</c>,
/// which SharpFuzz points at AFL's shared memory only when the fuzzing loop starts. The generated
/// code's module initializer registers enums with the runtime before Main, so an instrumented
/// CloudTrailGen.Runtime.dll would write through a null pointer: give it a placeholder map first
/// (this initializer is declared in the project's own source, which the compiler orders before
/// the generated one).
/// </summary>
internal static unsafe class TraceMap
{
#pragma warning disable CA2255 // a module initializer is the only thing that runs before the generated one
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize()
    {
        if (SharpFuzz.Common.Trace.SharedMem == null) SharpFuzz.Common.Trace.SharedMem = (byte*)NativeMemory.AllocZeroed(65536);
    }
}
