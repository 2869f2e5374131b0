#Requires -Version 7.2
<#
.SYNOPSIS
    Runs tests/Pester/*.Tests.ps1 in this pwsh against a private engine and registry started for the run.
.DESCRIPTION
    Started by build.ps1 -Task Test in a fresh pwsh, so the module under test is loaded the way users load it:
    out/ is put first on PSModulePath and the tests autoload PSDocker by name. DOCKER_HOST names the private
    engine and DOCKER_CONFIG a temporary folder, so nothing of the machine's own docker set-up is read or
    written. Writes NUnit XML to -ResultPath, the counts to <ResultPath>.summary.json, and ends with
    "pester: N passed, N failed, N skipped".
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [string[]] $Path = @($PSScriptRoot),
    [string[]] $TagFilter
)

$ErrorActionPreference = 'Stop'
$repo = (Resolve-Path "$PSScriptRoot/../..").Path
Import-Module $PesterPath -Force
Import-Module "$PSScriptRoot/TestEngine.psm1" -Force

$folder = (New-Item -ItemType Directory -Path ([IO.Path]::Combine([IO.Path]::GetTempPath(), "psdp-$([guid]::NewGuid().ToString('n').Substring(0, 8))"))).FullName
$engine = $null
$exit = 1
try {
    foreach ($name in 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_TLS', 'DOCKER_CERT_PATH', 'DOCKER_API_VERSION') {
        Remove-Item "env:$name" -ErrorAction Ignore
    }
    $env:DOCKER_CONFIG = (New-Item -ItemType Directory -Path "$folder/docker-config").FullName
    $engine = Start-TestEngine -Folder $folder
    $env:DOCKER_HOST = $engine.Host
    $env:PSDOCKER_PESTER_TEMP = $folder
    $env:PSDOCKER_PESTER_REPO = $repo
    $env:PSModulePath = (Join-Path $repo 'out') + [IO.Path]::PathSeparator + $env:PSModulePath

    $configuration = New-PesterConfiguration
    # From another process a list arrives as one comma-joined string.
    $configuration.Run.Path = @($Path | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
    $configuration.Run.PassThru = $true
    $configuration.Output.Verbosity = 'Detailed'
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputFormat = 'NUnitXml'
    $configuration.TestResult.OutputPath = $ResultPath
    if ($TagFilter) { $configuration.Filter.Tag = $TagFilter }
    $result = $null
    try {
        $result = Invoke-Pester -Configuration $configuration
    } catch {
        Write-Error "Pester itself failed: $_" -ErrorAction Continue
    }
    if (-not $result) {
        $result = [pscustomobject]@{ PassedCount = 0; FailedCount = 1; FailedBlocksCount = 0; FailedContainersCount = 0; SkippedCount = 0; NotRunCount = 0 }
    }

    # Containers that failed to run, or errors outside any test, count as failures too.
    $failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    $skipped = $result.SkippedCount + $result.NotRunCount
    "pester: $($result.PassedCount) passed, $failed failed, $skipped skipped"
    @{ passed = $result.PassedCount; failed = $failed; skipped = $skipped } | ConvertTo-Json | Set-Content "$ResultPath.summary.json"
    $exit = if ($failed -eq 0 -and $result.PassedCount -gt 0) { 0 } else { 1 }
} finally {
    if ($engine) {
        try { Remove-TestObject } catch { Write-Warning "Cleaning up test objects: $_" }
        Stop-TestEngine -State $engine
    }
    Remove-Item $folder -Recurse -Force -ErrorAction Ignore
}
exit $exit
