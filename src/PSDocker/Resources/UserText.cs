using System.Globalization;

namespace PSDocker.Resources
{
    /// <summary>Fills the message templates of Resources/Messages.resx.</summary>
    internal static class UserText
    {
        public static string Format(string template, params object?[] args) =>
            string.Format(CultureInfo.CurrentCulture, template, args);
    }
}
