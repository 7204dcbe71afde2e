using System.Reflection;
using System.Reflection.Emit;

namespace PatchBuild.Core.Tests.Architecture;

/// <summary>
/// Which namespaces the types of one namespace use, read from the compiled Core assembly: signatures, fields,
/// locals and every type, method and field token in the method bodies (lambdas and async state machines are nested
/// types, so they count for the type that declares them). A <c>using</c> that nothing uses does not count.
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value);

    public static Assembly Core => typeof(PatchEngine).Assembly;

    /// <summary>Whether the namespace (or one below it) is the one given or a child of it.</summary>
    public static bool IsIn(string? ns, string folderNamespace) =>
        ns is not null && (ns == folderNamespace || ns.StartsWith(folderNamespace + ".", StringComparison.Ordinal));

    /// <summary>Each use of a type in <paramref name="targetNamespace"/> from a type in <paramref name="sourceNamespace"/>, as "user -> used".</summary>
    public static IReadOnlyList<string> Uses(string sourceNamespace, string targetNamespace) =>
        Core.GetTypes()
            .Where(type => IsIn(type.Namespace, sourceNamespace))
            .SelectMany(type => ReferencedTypes(type).Select(used => (User: type, Used: used)))
            .Where(pair => IsIn(pair.Used.Namespace, targetNamespace))
            .Select(pair => $"{pair.User.FullName} -> {pair.Used.FullName}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<Type> ReferencedTypes(Type type)
    {
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null)
            {
                return;
            }

            if (t.HasElementType)
            {
                Add(t.GetElementType());
                return;
            }

            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                foreach (var argument in t.GetGenericArguments())
                {
                    Add(argument);
                }

                Add(t.GetGenericTypeDefinition());
                return;
            }

            if (!t.IsGenericParameter)
            {
                found.Add(t);
            }
        }

        Add(type.BaseType);
        foreach (var contract in type.GetInterfaces())
        {
            Add(contract);
        }

        foreach (var field in type.GetFields(Everything))
        {
            Add(field.FieldType);
        }

        foreach (var property in type.GetProperties(Everything))
        {
            Add(property.PropertyType);
        }

        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info)
            {
                Add(info.ReturnType);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType);
            }

            foreach (var referenced in BodyReferences(method))
            {
                Add(referenced);
            }
        }

        return found;
    }

    private static IEnumerable<Type?> BodyReferences(MethodBase method)
    {
        var body = method.GetMethodBody();
        if (body is null)
        {
            yield break;
        }

        foreach (var local in body.LocalVariables)
        {
            yield return local.LocalType;
        }

        byte[] il = body.GetILAsByteArray() ?? [];
        Type[]? typeArguments = method.DeclaringType is { IsGenericType: true } owner ? owner.GetGenericArguments() : null;
        Type[]? methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int at = 0;
        while (at < il.Length)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            var code = OpCodesByValue[value];
            at += code.Size;
            switch (code.OperandType)
            {
                case OperandType.InlineType or OperandType.InlineTok or OperandType.InlineMethod or OperandType.InlineField:
                    int token = BitConverter.ToInt32(il, at);
                    yield return Resolve(method.Module, token, typeArguments, methodArguments);
                    break;
                case OperandType.InlineSwitch:
                    at += 4 * BitConverter.ToInt32(il, at);
                    break;
            }

            at += OperandSize(code.OperandType);
        }
    }

    private static Type? Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        try
        {
            return module.ResolveMember(token, typeArguments, methodArguments) switch
            {
                Type t => t,
                MemberInfo member => member.DeclaringType,
                _ => null,
            };
        }
        catch (ArgumentException)
        {
            // A token into another module's generic instantiation that reflection cannot bind here: not one of ours.
            return null;
        }
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };
}
