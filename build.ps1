#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, packages or publishes PSDocker. A thin wrapper: `dotnet build` and `dotnet test` alone do
    the real work, so nothing essential lives here.
.EXAMPLE
    ./build.ps1                      # Build: out/PSDocker
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
    # Both suites: xunit (dotnet test) and Pester in real pwsh; ends with "N passed, N failed, N skipped".
.EXAMPLE
    ./build.ps1 -Task Package        # out/package/PSDocker.<version>.nupkg, ready for the Gallery
.EXAMPLE
    ./build.ps1 -Task Publish -ApiKey $key
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Publish')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Gallery API key for -Task Publish.
    [string] $ApiKey,

    [string] $Repository = 'PSGallery',

    # For -Task Test: where the results go (xunit's results.trx, Pester's pester.xml).
    [string] $ResultsDirectory = (Join-Path $PSScriptRoot 'TestResults'),

    # For -Task Package: package the module already laid out in out/PSDocker, and where the .nupkg goes.
    [switch] $NoBuild,
    [string] $PackageDirectory = (Join-Path $PSScriptRoot 'out/package'),

    # For -Task Test: run only the Pester suite, or only these Pester files.
    [switch] $PesterOnly,
    [string[]] $PesterPath
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$module = Join-Path $root 'out/PSDocker'

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Build {
    Invoke-Dotnet build (Join-Path $root 'src/PSDocker/PSDocker.csproj') -c $Configuration
    $null = Test-ModuleManifest -Path (Join-Path $module 'PSDocker.psd1')
}

function Package {
    if (-not $NoBuild) { Build }
    $out = $PackageDirectory
    $null = New-Item -ItemType Directory -Force -Path $out
    if (-not (Get-Command Publish-PSResource -ErrorAction SilentlyContinue)) {
        throw 'Packaging needs Microsoft.PowerShell.PSResourceGet (Install-Module Microsoft.PowerShell.PSResourceGet).'
    }
    # A file-system repository turns the module folder into the same .nupkg the Gallery would receive.
    $name = 'PSDockerPackage'
    if (-not (Get-PSResourceRepository -Name $name -ErrorAction SilentlyContinue)) {
        Register-PSResourceRepository -Name $name -Uri $out -Trusted
    }
    try {
        Publish-PSResource -Path $module -Repository $name
    } finally {
        Unregister-PSResourceRepository -Name $name
    }
    Get-ChildItem $out -Filter *.nupkg
}

# Pester comes from NuGet (a PackageDownload of tests/PSDocker.Tests), never from the Gallery.
$PesterVersion = '5.7.1'

function Find-Pester {
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $manifest = Join-Path $packages.Trim() "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) {
        Invoke-Dotnet restore (Join-Path $root 'tests/PSDocker.Tests/PSDocker.Tests.csproj')
    }
    if (-not (Test-Path $manifest)) { throw "Pester $PesterVersion was not restored to $manifest." }
    $manifest
}

function Test {
    $null = New-Item -ItemType Directory -Force -Path $ResultsDirectory
    Get-ChildItem $ResultsDirectory -File | Remove-Item -Force
    $xunit = @{ passed = 0; failed = 0; skipped = 0 }
    $xunitExit = 0
    if (-not $PesterOnly) {
        # Same configuration as Build: this build lays out out/PSDocker, which the Pester suite then loads as it is.
        & dotnet test (Join-Path $root 'PSDocker.sln') -c $Configuration --logger 'trx;LogFileName=results.trx' --results-directory $ResultsDirectory
        $xunitExit = $LASTEXITCODE
        $trx = Join-Path $ResultsDirectory 'results.trx'
        if (Test-Path $trx) {
            $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
            $xunit.passed = [int]$counters.passed
            $xunit.failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
            $xunit.skipped = [int]$counters.total - [int]$counters.executed
        } else {
            Write-Warning 'xunit wrote no results file.'
            $xunit.failed = 1
        }
        "xunit: $($xunit.passed) passed, $($xunit.failed) failed, $($xunit.skipped) skipped"
    }

    # Pester in a fresh pwsh (this same pwsh: `dotnet pwsh` runs pwsh.dll), so the module loads as a user's session loads it.
    if ($PesterOnly) { Build }
    $pesterResult = Join-Path $ResultsDirectory 'pester.xml'
    $suiteArgs = @('-NoProfile', '-File', (Join-Path $root 'tests/Pester/Invoke-PesterSuite.ps1'), '-PesterPath', (Find-Pester), '-ResultPath', $pesterResult)
    if ($PesterPath) { $suiteArgs += @('-Path') + $PesterPath }
    $self = [Environment]::GetCommandLineArgs()[0]
    if ($self -like '*.dll') { & dotnet $self @suiteArgs } else { & $self @suiteArgs }
    $pesterExit = $LASTEXITCODE
    $pester = @{ passed = 0; failed = 1; skipped = 0 }
    if (Test-Path "$pesterResult.summary.json") {
        $pester = Get-Content "$pesterResult.summary.json" -Raw | ConvertFrom-Json -AsHashtable
    } else {
        Write-Warning 'The Pester suite wrote no summary.'
    }

    $passed = $xunit.passed + $pester.passed
    $failed = $xunit.failed + $pester.failed
    $skipped = $xunit.skipped + $pester.skipped
    "$passed passed, $failed failed, $skipped skipped"
    if ($xunitExit -ne 0 -or $pesterExit -ne 0 -or $failed -ne 0 -or $passed -eq 0) { exit 1 }
}

switch ($Task) {
    'Build' { Build }
    'Test' { Test }
    'Package' { Package }
    'Publish' {
        if (-not $ApiKey) { throw '-ApiKey is required to publish.' }
        Build
        Publish-PSResource -Path $module -Repository $Repository -ApiKey $ApiKey
    }
}
