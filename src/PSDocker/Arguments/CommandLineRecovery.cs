using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection;
using PSDocker.Connection;

namespace PSDocker.Arguments
{
    /// <summary>
    /// Gives the container's command back the tokens PowerShell's binder took from it. docker run/create/exec
    /// read their own flags only until the command starts (the first positional token after the image or the
    /// container); from there every token is the command's. PowerShell binds a parameter wherever it appears,
    /// by abbreviation or alias too, so "ls -la /bin/sh" would set -Label to /bin/sh. From the invocation's
    /// syntax tree this finds, after the command has started, every token that is not the full name of one of
    /// our parameters, and puts it (with the value the binder gave it) back into the command, verbatim and in
    /// order. An unknown flag before the command starts is an error that names it. With no syntax tree
    /// (splatting, calls from C#) nothing changes: the parameters bind as PowerShell binds them.
    /// </summary>
    internal static class CommandLineRecovery
    {
        /// <summary>The names of the hidden one-letter switches that catch a command's short flags (Commands/Containers/CommandRunnerCmdlet).</summary>
        internal const string CatcherPrefix = "CommandFlag";

        private static readonly PropertyInfo? ScriptPosition =
            typeof(InvocationInfo).GetProperty("ScriptPosition", BindingFlags.Instance | BindingFlags.NonPublic);

        /// <summary>What the command line meant.</summary>
        internal sealed class Result
        {
            /// <summary>The image (run/create) or container (exec) as typed positionally, or null when it came from a parameter or the pipeline.</summary>
            public object? Leading { get; set; }

            /// <summary>The container's command, verbatim and in order.</summary>
            public List<string> Command { get; } = new List<string>();

            /// <summary>Parameters the binder set from tokens that were the command's: to be unset.</summary>
            public List<string> Stolen { get; } = new List<string>();
        }

        /// <summary>
        /// Reads the invocation's syntax tree. <paramref name="leadingParameter"/> is the positional parameter the
        /// command follows (Image or Container); <paramref name="leadingFromPipeline"/> says it comes from the
        /// pipeline, so the first positional token is already the command. Returns null when there is no syntax
        /// tree to read (splatting, C#, a tree that does not match the binder's view).
        /// </summary>
        public static Result? Recover(PSCmdlet cmdlet, string leadingParameter, string commandParameter, bool leadingFromPipeline)
        {
            var invocation = cmdlet.MyInvocation;
            var ast = FindCommandAst(invocation);
            if (ast is null)
            {
                return null;
            }

            var parameters = invocation.MyCommand.Parameters;
            var bound = invocation.BoundParameters;
            var elements = ast.CommandElements.Skip(1).ToList();
            if (elements.Any(e => e is VariableExpressionAst v && v.Splatted))
            {
                return null;
            }

            // The binder's view: which elements a named parameter took, and the positional stream it bound in order.
            var named = new Dictionary<int, string>();
            var consumed = new HashSet<int>();
            var positional = new List<int>();
            var afterDashDash = false;
            for (var i = 0; i < elements.Count; i++)
            {
                if (!afterDashDash && elements[i] is CommandParameterAst p)
                {
                    if (p.ParameterName == "-" && p.Argument is null)
                    {
                        afterDashDash = true;
                        continue;
                    }

                    var parameter = Resolve(parameters, p.ParameterName);
                    if (parameter is null)
                    {
                        positional.Add(i);
                        if (p.Argument != null)
                        {
                            positional.Add(i); // the binder passes "-name:" and the value as two arguments
                        }

                        continue;
                    }

                    named[i] = parameter.Name;
                    if (p.Argument is null && !IsSwitch(parameter) && i + 1 < elements.Count)
                    {
                        consumed.Add(i + 1);
                        i++;
                    }

                    continue;
                }

                positional.Add(i);
            }

            // The values the binder gave the positional stream: the leading parameter (unless a named token set it),
            // then the command's remaining arguments.
            var values = new List<object?>();
            var leadingNamed = named.Values.Contains(leadingParameter, StringComparer.OrdinalIgnoreCase);
            if (!leadingNamed && positional.Count > 0 && bound.TryGetValue(leadingParameter, out var leadingValue))
            {
                values.Add(leadingValue);
            }

            if (bound.TryGetValue(commandParameter, out var commandValue) && commandValue is IEnumerable<string> commandValues)
            {
                values.AddRange(commandValues);
            }

            if (values.Count != positional.Count)
            {
                return null; // an array argument or something else the binder flattened: leave its binding alone
            }

            var result = new Result();
            var leadingSlots = leadingFromPipeline || leadingNamed ? 0 : 1; // -Container web sort -r: sort starts the command
            var started = false;
            var next = 0;
            afterDashDash = false;
            for (var i = 0; i < elements.Count; i++)
            {
                var element = elements[i];
                if (!afterDashDash && element is CommandParameterAst p && p.ParameterName == "-" && p.Argument is null)
                {
                    afterDashDash = true;
                    continue;
                }

                if (named.TryGetValue(i, out var parameterName))
                {
                    var token = (CommandParameterAst)element;
                    var isCatcher = parameterName.StartsWith(CatcherPrefix, StringComparison.Ordinal);
                    if (!started)
                    {
                        if (isCatcher)
                        {
                            throw UnknownFlag(cmdlet, token.Extent.Text);
                        }

                        if (consumed.Contains(i + 1))
                        {
                            i++;
                        }

                        continue;
                    }

                    if (!isCatcher && string.Equals(token.ParameterName, parameterName, StringComparison.OrdinalIgnoreCase))
                    {
                        // The full name of one of ours: ours, wherever it stands (echo hello -Remove).
                        if (consumed.Contains(i + 1))
                        {
                            i++;
                        }

                        continue;
                    }

                    result.Stolen.Add(parameterName);
                    result.Command.Add(token.Argument is null ? token.Extent.Text : ArgumentText(token, bound.TryGetValue(parameterName, out var own) ? own : null));
                    if (consumed.Contains(i + 1))
                    {
                        i++;
                        result.Command.Add(ArgumentText(elements[i], bound.TryGetValue(parameterName, out var v) ? v : null));
                    }

                    continue;
                }

                // A positional token, or an unknown flag the binder passed on as one.
                var value = values[next++];
                if (element is CommandParameterAst unknown && !afterDashDash)
                {
                    if (!started)
                    {
                        throw UnknownFlag(cmdlet, unknown.Extent.Text);
                    }

                    if (unknown.Argument != null)
                    {
                        next++; // "-name:" and its value came as two arguments; the token is one
                        result.Command.Add(ArgumentText(element, null));
                    }
                    else
                    {
                        result.Command.Add(Text(value));
                    }

                    continue;
                }

                if (!started && !afterDashDash && element is StringConstantExpressionAst word && word.StringConstantType == StringConstantType.BareWord &&
                    word.Value.StartsWith("--", StringComparison.Ordinal) && word.Value.Length > 2)
                {
                    throw UnknownFlag(cmdlet, word.Value); // docker's --rm, --cap-add: PowerShell passes them as words
                }

                if (!started && leadingSlots > 0)
                {
                    leadingSlots--;
                    result.Leading = value;
                    continue;
                }

                started = true;
                result.Command.Add(Text(value));
            }

            return result;
        }

        private static DockerPSException UnknownFlag(PSCmdlet cmdlet, string token)
        {
            var name = cmdlet.MyInvocation.MyCommand.Name;
            var meant = Meant(cmdlet.MyInvocation.MyCommand.Parameters, token);
            return new DockerPSException(
                "'" + token + "' is not a parameter of " + name + "." + (meant is null ? string.Empty : " For docker's " + DockerSpelling(token) + ", use -" + meant + ".") +
                " A flag of the container's command goes after the image (or the container), or after --: " + name + " <image> -- <command> " + token + " …",
                "UnknownParameter", ErrorCategory.InvalidArgument, token);
        }

        // docker run's and exec's one-letter flags, by what they are here.
        private static readonly Dictionary<string, string> DockerShortFlags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["d"] = "Detach", ["e"] = "Environment", ["p"] = "Publish", ["P"] = "PublishAll", ["v"] = "Volume", ["w"] = "WorkingDirectory",
            ["u"] = "User", ["h"] = "Hostname", ["l"] = "Label", ["m"] = "Memory", ["t"] = "Tty", ["i"] = "Interactive", ["c"] = "CpuShares",
            ["a"] = "Attach",
        };

        /// <summary>The parameter a docker user meant by a flag: -e for -Environment, --cap-add for -CapAdd, --rm for -Remove.</summary>
        private static string? Meant(Dictionary<string, ParameterMetadata> parameters, string token)
        {
            var bare = token.Split(':')[0].TrimStart('-');
            string? candidate;
            if (!token.StartsWith("--", StringComparison.Ordinal) && bare.Length == 1)
            {
                DockerShortFlags.TryGetValue(bare, out candidate);
            }
            else
            {
                candidate = bare == "rm" ? "Remove" : string.Concat(bare.Split('-').Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w.Substring(1)));
            }

            return candidate != null && parameters.TryGetValue(candidate, out var parameter) ? parameter.Name : null;
        }

        private static string DockerSpelling(string token)
        {
            var bare = token.Split(':')[0].TrimStart('-');
            return (bare.Length == 1 ? "-" : "--") + bare;
        }

        private static CommandAst? FindCommandAst(InvocationInfo invocation)
        {
            if (!(ScriptPosition?.GetValue(invocation) is IScriptExtent extent) || string.IsNullOrEmpty(extent.Text))
            {
                return null;
            }

            var parsed = Parser.ParseInput(extent.Text, out _, out var errors);
            if (errors.Length > 0)
            {
                return null;
            }

            var command = parsed.Find(a => a is CommandAst, searchNestedScriptBlocks: false) as CommandAst;
            if (command is null || command.CommandElements.Count == 0 || command.Extent.StartOffset != 0)
            {
                return null;
            }

            var first = command.CommandElements[0];
            var name = first is StringConstantExpressionAst s ? s.Value : first.Extent.Text;
            return string.Equals(name, invocation.InvocationName, StringComparison.OrdinalIgnoreCase) ? command : null;
        }

        /// <summary>PowerShell's rule: an exact name or alias, else the one parameter a prefix of a name or alias picks.</summary>
        private static ParameterMetadata? Resolve(Dictionary<string, ParameterMetadata> parameters, string token)
        {
            if (token.Length == 0)
            {
                return null;
            }

            var exact = parameters.Values.FirstOrDefault(p =>
                string.Equals(p.Name, token, StringComparison.OrdinalIgnoreCase) ||
                p.Aliases.Any(a => string.Equals(a, token, StringComparison.OrdinalIgnoreCase)));
            if (exact != null)
            {
                return exact;
            }

            var matches = parameters.Values.Where(p =>
                p.Name.StartsWith(token, StringComparison.OrdinalIgnoreCase) ||
                p.Aliases.Any(a => a.StartsWith(token, StringComparison.OrdinalIgnoreCase))).Distinct().ToList();
            if (matches.Count > 1)
            {
                // As the binder does: between one of ours and common parameters (-v: -Volume, -Verbose), ours.
                var own = matches.Where(p => !CommonParameters.Contains(p.Name)).ToList();
                return own.Count == 1 ? own[0] : null;
            }

            return matches.Count == 1 ? matches[0] : null;
        }

        private static readonly HashSet<string> CommonParameters = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
            "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm",
        };

        private static bool IsSwitch(ParameterMetadata parameter) =>
            parameter.SwitchParameter || parameter.ParameterType == typeof(bool);

        private static string ArgumentText(CommandElementAst element, object? bound)
        {
            switch (element)
            {
                case StringConstantExpressionAst s:
                    return s.Value;
                case ConstantExpressionAst c:
                    return c.Extent.Text;
                case CommandParameterAst p when p.Argument is StringConstantExpressionAst || p.Argument is ConstantExpressionAst:
                    return p.Extent.Text;
                case CommandParameterAst p when p.Argument is null:
                    return p.Extent.Text; // a flag the binder took as the value of the one before it (-la -abc)
                case CommandParameterAst p:
                    return "-" + p.ParameterName + ":" + Text(bound);
                default:
                    return Text(bound);
            }
        }

        private static string Text(object? value) =>
            LanguagePrimitives.ConvertTo<string>(ArgumentValue.Unwrap(value)) ?? string.Empty;
    }
}
