# The default views as a terminal shows them: every table rendered at 80 and at 120 columns (Out-String -Width),
# the way Out-Default renders at a console of that width. Names stay whole, STATUS reads as docker ps shows it,
# memory usage stays readable; the columns that matter less give way first.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $image = Get-TestImage
    $labelArgs = @('--label', "$(Get-TestLabel)=views")

    # Names as long as people give them: 30 characters for containers and networks, 64 for an anonymous volume.
    $suffix = [guid]::NewGuid().ToString('n').Substring(0, 10)
    $running = "web-frontend-production-$($suffix.Substring(0, 6))"
    $exited = "nightly-report-job-exited-$($suffix.Substring(0, 4))"
    $network = "backend-services-network-$($suffix.Substring(0, 5))"
    $volume = ([guid]::NewGuid().ToString('n') + [guid]::NewGuid().ToString('n'))
    $repository = "127.0.0.1:5999/psdocker-views/report-generator-$($suffix.Substring(0, 6))"

    Invoke-TestDocker run -d @labelArgs --name $running $image sleep 300 | Out-Null
    Invoke-TestDockerUnchecked run @labelArgs --name $exited $image sh -c 'echo first line; echo second line; exit 1' | Out-Null
    Invoke-TestDocker network create @labelArgs $network | Out-Null
    Invoke-TestDocker volume create @labelArgs $volume | Out-Null
    Invoke-TestDocker tag $image "${repository}:latest" | Out-Null

    function Get-Rendered([Parameter(ValueFromPipeline)] $InputObject, [int] $Width) {
        begin { $all = [System.Collections.Generic.List[object]]::new() }
        process { $all.Add($InputObject) }
        end { ($all | Out-String -Width $Width) -split '\r?\n' | ForEach-Object TrimEnd }
    }

    function Get-Row([string[]] $Lines, [string] $Text) {
        $row = @($Lines | Where-Object { $_.Contains($Text) })
        $row.Count | Should -Be 1 -Because "one row should show '$Text'"
        $row[0]
    }
}

AfterAll {
    Invoke-TestDockerUnchecked rmi "${repository}:latest" | Out-Null
    Remove-TestObject
}

Describe 'Default views at <Width> columns' -ForEach @(@{ Width = 80 }, @{ Width = 120 }) {
    It 'never writes a line wider than the window' {
        $lines = @(
            Get-DockerContainer -All -Name $running, $exited | Get-Rendered -Width $Width
            Get-DockerImage | Get-Rendered -Width $Width
            Get-DockerVolume | Get-Rendered -Width $Width
            Get-DockerNetwork | Get-Rendered -Width $Width
            Get-DockerContainerStatistic -Name $running | Get-Rendered -Width $Width
        )
        $lines | Where-Object Length -gt $Width | Should -BeNullOrEmpty
    }

    It 'keeps container NAMES whole and STATUS as docker ps shows it' {
        $containers = Get-DockerContainer -All -Name $running, $exited
        $lines = $containers | Get-Rendered -Width $Width
        $lines[1] | Should -Match '^CONTAINER ID +NAMES +STATUS'
        foreach ($c in $containers) {
            $row = Get-Row $lines $c.ShortId
            $row | Should -Match ('^' + $c.ShortId + ' +' + [regex]::Escape($c.Name) + ' +' + [regex]::Escape($c.Status) + '( |$)')
        }
        (Get-Row $lines $running) | Should -Match ' Up (Less than a second|\d+ seconds?|About a minute)( |$)'
        (Get-Row $lines $exited) | Should -Match ' Exited \(1\) (Less than a second|\d+ seconds?|About a minute) ago( |$)'
        # The docker CLI says the same of them.
        $cli = Invoke-TestDocker ps -a --filter "name=^$exited$" --format '{{.Status}}'
        $cli | Should -Match '^Exited \(1\) '
    }

    It 'keeps image REPOSITORY whole, registry and all' {
        $lines = Get-DockerImage -Name "$repository*" | Get-Rendered -Width $Width
        $lines[1] | Should -Match '^REPOSITORY +TAG +IMAGE ID'
        $row = Get-Row $lines $repository
        $row | Should -Match ('^' + [regex]::Escape($repository) + ' +latest +[0-9a-f]{12}( |$)')
        # At 120 there is room for all of it; at 80 a 53-character repository leaves CREATED and SIZE to give way.
        if ($Width -ge 120) { $row | Should -Match ' +.+ ago +\d+(\.\d+)?[kMG]?B$' }
    }

    It 'keeps a 64-character VOLUME NAME whole' {
        $lines = Get-DockerVolume -Name $volume | Get-Rendered -Width $Width
        Get-Row $lines $volume | Should -Match ('^local +' + $volume + '$')
    }

    It 'keeps network NAME whole' {
        $lines = Get-DockerNetwork -Name $network | Get-Rendered -Width $Width
        Get-Row $lines $network | Should -Match ('^[0-9a-f]{12} +' + [regex]::Escape($network) + ' +bridge +local')
    }

    It 'keeps memory usage readable in the stats table' {
        $lines = Get-DockerContainerStatistic -Name $running | Get-Rendered -Width $Width
        $lines[1] | Should -Match '^CONTAINER ID +NAME +CPU % +MEM USAGE / LIMIT +MEM %'
        $row = Get-Row $lines ((Get-DockerContainer -Name $running).ShortId)
        $row | Should -Match '\d+(\.\d+)?%'
        $row | Should -Match ' \d+(\.\d+)?[KMGT]?i?B / \d+(\.\d+)?[KMGT]?i?B '
        if ($Width -ge 120) { $row | Should -Match 'B / \d+(\.\d+)?[kMGT]?B +\d+(\.\d+)?[kMGT]?B / \d+(\.\d+)?[kMGT]?B +\d+$' }
    }
}

Describe 'Other views' {
    It 'shows every docker ps column at 120 columns, the ones that give way at 80 last' {
        $lines = Get-DockerContainer -Name $running | Get-Rendered -Width 120
        $lines[1] | Should -Match '^CONTAINER ID +NAMES +STATUS +IMAGE +PORTS +CREATED +COMMAND$'
        Get-Row $lines $running | Should -Match ('"sleep 300"$')
    }

    It 'shows image history like docker history' {
        $lines = Get-DockerImageHistory $image | Get-Rendered -Width 120
        $lines[1] | Should -Match '^IMAGE +CREATED +CREATED BY +SIZE +COMMENT'
        $lines | Where-Object { $_ -match 'COPY' } | Should -Not -BeNullOrEmpty
    }

    It 'shows log lines as plain text, and with timestamps on request' {
        $plain = Get-DockerContainerLog -Name $exited | Get-Rendered -Width 80 | Where-Object { $_ }
        $plain | Should -Be @('first line', 'second line')
        $stamped = Get-DockerContainerLog -Name $exited -Timestamps | Get-Rendered -Width 80 | Where-Object { $_ }
        $stamped.Count | Should -Be 2
        $stamped | ForEach-Object { $_ | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z (first|second) line$' }
    }

    It 'shows version and info as lists a reader can scan' {
        Get-DockerVersion | Get-Rendered -Width 80 | Where-Object { $_ -match '^NegotiatedApiVersion +: 1\.\d+$' } | Should -Not -BeNullOrEmpty
        Get-DockerInfo | Get-Rendered -Width 80 | Where-Object { $_ -match '^Containers +: \d+ \(running \d+, paused \d+, stopped \d+\)$' } | Should -Not -BeNullOrEmpty
    }
}
