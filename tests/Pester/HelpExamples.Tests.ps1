# Every help example marked <!-- runnable --> (on the line after its ### heading in docs/PSDocker/*.md) runs
# in real pwsh against the test engine, as a reader would paste it, and writes no error.

BeforeDiscovery {
    $docs = Join-Path $env:PSDOCKER_PESTER_REPO 'docs/PSDocker'
    $examples = foreach ($file in Get-ChildItem $docs -Filter *.md | Where-Object Name -notlike 'about_*' | Sort-Object Name) {
        $section = ''; $title = ''; $runnable = $false; $inFence = $false; $code = $null
        foreach ($line in Get-Content $file.FullName) {
            if ($line.StartsWith('```')) {
                if (-not $inFence) {
                    $inFence = $true; $info = $line.Substring(3).Trim(); $code = [System.Text.StringBuilder]::new()
                } else {
                    $inFence = $false
                    if ($section -eq 'EXAMPLES' -and $runnable -and $info -eq 'powershell') {
                        @{ Doc = $file.Name; Title = $title; Code = $code.ToString().TrimEnd() }
                        $runnable = $false
                    }
                }
                continue
            }
            if ($inFence) { $null = $code.Append($line).Append("`n"); continue }
            if ($line.StartsWith('## ')) { $section = $line.Substring(3).Trim(); $runnable = $false }
            elseif ($line.StartsWith('### ')) { $title = $line.Substring(4).Trim(); $runnable = $false }
            elseif ($section -eq 'EXAMPLES' -and $line.Trim() -eq '<!-- runnable -->') { $runnable = $true }
        }
    }
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
}

AfterAll { Remove-TestObject }

Describe 'Runnable help examples' {
    It 'there are runnable examples to run' -TestCases @{ Count = @($examples).Count } {
        param($Count)
        $Count | Should -BeGreaterThan 30
    }

    It '<Doc>: <Title>' -TestCases $examples {
        param($Doc, $Title, $Code)
        $output = & ([scriptblock]::Create($Code)) *>&1
        $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" } | Should -BeNullOrEmpty -Because "$Doc, $Title`n$Code"
    }
}
