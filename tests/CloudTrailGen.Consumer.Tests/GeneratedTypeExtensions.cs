// What a user may add to a generated class: instance state with an initializer
// (SlotObjectCodecTests checks that every object read gets its own).

namespace My.Ct.Sts
{
    public sealed partial class Tag
    {
        internal readonly System.Collections.Generic.List<string> Notes = new();
    }
}

namespace My.Ct
{
    public sealed partial class UserIdentity
    {
        internal readonly System.Collections.Generic.List<string> Notes = new();
    }
}
