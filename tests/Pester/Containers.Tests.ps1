# Containers as a user drives them from a script: objects through Where-Object/Select-Object, splatting,
# -WhatIf, -ErrorAction Stop with try/catch, and the docker CLI's own view of the result.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $image = Get-TestImage
    $label = @{ (Get-TestLabel) = 'containers' }
}

AfterAll {
    Remove-TestObject
}

Describe 'Get-DockerContainer' {
    BeforeAll {
        $running = New-TestName 'run'
        $exited = New-TestName 'exit'
        Invoke-TestDocker run -d --label psdocker.test=containers --name $running $image sleep 300 | Out-Null
        Invoke-TestDockerUnchecked run --label psdocker.test=containers --name $exited $image sh -c 'exit 3' | Out-Null
    }

    It 'lists running containers as objects a script can filter' {
        $found = Get-DockerContainer | Where-Object Name -eq $running
        $found.State | Should -Be 'running'
        $found.Id | Should -Be (Invoke-TestDocker inspect -f '{{.Id}}' $running)
        Get-DockerContainer | Where-Object Name -eq $exited | Should -BeNullOrEmpty
    }

    It 'lists exited ones with -All, which Where-Object and Select-Object take as docker ps -a would show them' {
        $row = Get-DockerContainer -All | Where-Object State -eq exited | Where-Object Name -eq $exited | Select-Object Name, State, Status
        $row.Name | Should -Be $exited
        $row.Status | Should -BeLike 'Exited (3)*'
    }

    It 'finds by wildcard and by id prefix' {
        (Get-DockerContainer -Name ($running.Substring(0, 8) + '*')).Name | Should -Contain $running
        $id = Invoke-TestDocker inspect -f '{{.Id}}' $running
        (Get-DockerContainer -Id $id.Substring(0, 12)).Name | Should -Be $running
    }

    It 'gives -Inspect detail that matches docker inspect' {
        $detail = Get-DockerContainer -Name $running -Inspect
        $cli = Invoke-TestDocker inspect $running | ConvertFrom-Json
        $detail.Id | Should -Be $cli.Id
        $detail.Image | Should -Be $cli.Config.Image
    }

    It 'converts to JSON without error' {
        $json = Get-DockerContainer -Name $running | ConvertTo-Json -Depth 3 | ConvertFrom-Json
        $json.Name | Should -Be $running
    }

    It 'says ContainerNotFound for a name that does not exist, catchable with -ErrorAction Stop' {
        try {
            Get-DockerContainer -Name 'no-such-container-pester' -ErrorAction Stop
            throw 'no error'
        } catch {
            $_.FullyQualifiedErrorId | Should -BeLike 'ContainerNotFound,*'
            $_.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $_.TargetObject | Should -Be 'no-such-container-pester'
        }
    }

    It 'records a non-terminating error in $Error and goes on' {
        $Error.Clear()
        $out = Get-DockerContainer -Name 'no-such-container-pester', $running -ErrorAction SilentlyContinue
        $out.Name | Should -Be $running
        $Error[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNotFound,*'
    }
}

Describe 'Invoke-DockerContainer' {
    It 'prints what the command prints and removes the container with -Remove' {
        $name = New-TestName
        $out = Invoke-DockerContainer $image echo hello -Remove -Name $name -Label $label
        $out | Should -Be 'hello'
        Invoke-TestDocker ps -a --filter "name=$name" -q | Should -BeNullOrEmpty
    }

    It 'sets $LASTEXITCODE from the container' {
        Invoke-DockerContainer $image sh -c 'exit 3' -Remove -Label $label
        $LASTEXITCODE | Should -Be 3
    }

    It 'takes splatted parameters' {
        $run = @{ Image = $image; Command = 'sh', '-c', 'echo $GREETING'; Environment = @{ GREETING = 'from-splat' }; Remove = $true; Label = $label }
        Invoke-DockerContainer @run | Should -Be 'from-splat'
    }

    It 'creates nothing with -WhatIf' {
        $name = New-TestName
        Invoke-DockerContainer $image echo hi -Name $name -Label $label -WhatIf
        Invoke-TestDocker ps -a --filter "name=$name" -q | Should -BeNullOrEmpty
    }

    It 'refuses a bad -Publish before anything is created' {
        $name = New-TestName
        { Invoke-DockerContainer $image -Publish 'not-a-port' -Name $name -Label $label -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidPublishSpec,*'
        Invoke-TestDocker ps -a --filter "name=$name" -q | Should -BeNullOrEmpty
    }
}

Describe 'Container lifecycle through the pipeline' {
    BeforeAll {
        $name = New-TestName 'life'
        $created = New-DockerContainer $image sleep 300 -Name $name -Label $label
    }

    It 'New-DockerContainer returns the created container' {
        $created.Name | Should -Be $name
        $created.State | Should -Be 'created'
    }

    It 'Start-, Suspend-, Resume-, Restart- and Stop-DockerContainer change its state' {
        (Start-DockerContainer $name -PassThru).State | Should -Be 'running'
        (Suspend-DockerContainer $name -PassThru).State | Should -Be 'paused'
        (Resume-DockerContainer $name -PassThru).State | Should -Be 'running'
        (Restart-DockerContainer $name -Timeout 1 -PassThru).State | Should -Be 'running'
        (Get-DockerContainer -Name $name | Stop-DockerContainer -Timeout 1 -PassThru).State | Should -Be 'exited'
    }

    It 'Rename-DockerContainer and Update-DockerContainer apply' {
        $new = "$name-renamed"
        (Rename-DockerContainer $name -NewName $new -PassThru).Name | Should -Be $new
        Rename-DockerContainer $new -NewName $name
        Update-DockerContainer $name -Memory 64m -MemorySwap 128m
        Invoke-TestDocker inspect -f '{{.HostConfig.Memory}}' $name | Should -Be (64MB).ToString()
    }

    It 'Wait-DockerContainer returns the exit code' {
        $waiter = New-TestName 'wait'
        Invoke-TestDocker run -d --label psdocker.test=containers --name $waiter $image sh -c 'exit 5' | Out-Null
        (Wait-DockerContainer $waiter).ExitCode | Should -Be 5
    }

    It 'Remove-DockerContainer -WhatIf removes nothing; the pipeline removes exactly what was selected' {
        Get-DockerContainer -All | Where-Object Name -eq $name | Remove-DockerContainer -WhatIf
        Invoke-TestDocker ps -aq --filter "name=^$name$" | Should -Not -BeNullOrEmpty
        Get-DockerContainer -All | Where-Object Name -eq $name | Remove-DockerContainer
        Invoke-TestDocker ps -aq --filter "name=^$name$" | Should -BeNullOrEmpty
    }

    It 'acting on a name that does not exist is ContainerNotFound' -TestCases @(
        @{ Command = 'Start-DockerContainer' }, @{ Command = 'Stop-DockerContainer' }, @{ Command = 'Restart-DockerContainer' },
        @{ Command = 'Suspend-DockerContainer' }, @{ Command = 'Resume-DockerContainer' }, @{ Command = 'Remove-DockerContainer' },
        @{ Command = 'Wait-DockerContainer' }, @{ Command = 'Get-DockerContainerLog' }, @{ Command = 'Get-DockerContainerProcess' },
        @{ Command = 'Get-DockerContainerChange' }, @{ Command = 'Get-DockerContainerStatistic' }
    ) {
        param($Command)
        { & $Command -Name 'pester-no-such-container' -ErrorAction Stop } | Should -Throw -ErrorId "ContainerNotFound,*"
    }
}

Describe 'Reading a running container' {
    BeforeAll {
        $name = New-TestName 'read'
        Invoke-TestDocker run -d --label psdocker.test=containers --name $name $image sh -c 'echo out; echo err >&2; mkdir /made; sleep 300' | Out-Null
        Start-Sleep -Milliseconds 500
    }

    It 'Get-DockerContainerLog gives lines with their stream' {
        $lines = Get-DockerContainerLog $name
        ($lines | Where-Object Stream -eq 'stdout').Line | Should -Be 'out'
        ($lines | Where-Object Stream -eq 'stderr').Line | Should -Be 'err'
    }

    It 'Invoke-DockerContainerCommand runs a command in it' {
        Invoke-DockerContainerCommand $name cat /proc/1/cmdline | Should -Not -BeNullOrEmpty
        Invoke-DockerContainerCommand $name sh -c 'echo $((6*7))' | Should -Be '42'
    }

    It 'Get-DockerContainerProcess lists its processes' {
        (Get-DockerContainerProcess $name | ForEach-Object { $_.Values['CMD'] }) | Should -Contain 'sleep 300'
    }

    It 'Get-DockerContainerChange sees the folder it made' {
        (Get-DockerContainerChange $name).Path | Should -Contain '/made'
    }

    It 'Get-DockerContainerStatistic gives one sample' {
        $sample = Get-DockerContainerStatistic $name
        $sample.Container | Should -Be $name
        $sample.MemoryUsage | Should -BeGreaterThan 0
    }

    It 'Copy-DockerContainerItem copies a file in and out' {
        $file = Join-Path $env:PSDOCKER_PESTER_TEMP "$name.txt"
        Set-Content $file 'copied'
        Copy-DockerContainerItem $file -ToContainer $name -Destination /made/
        Invoke-DockerContainerCommand $name cat "/made/$name.txt" | Should -Be 'copied'
        $back = Join-Path $env:PSDOCKER_PESTER_TEMP "$name-back.txt"
        Copy-DockerContainerItem "/made/$name.txt" -FromContainer $name -Destination $back
        Get-Content $back | Should -Be 'copied'
    }

    It 'Copy-DockerContainerItem of a local path that does not exist is CopySourceNotFound' {
        { Copy-DockerContainerItem '/no/such/pester/file' -ToContainer $name -Destination /made/ -ErrorAction Stop } | Should -Throw -ErrorId 'CopySourceNotFound*'
    }

    It 'Export-DockerContainer writes a tar and refuses to overwrite without -Force' {
        $tar = Join-Path $env:PSDOCKER_PESTER_TEMP "$name.tar"
        Export-DockerContainer $name -Path $tar
        (Get-Item $tar).Length | Should -BeGreaterThan 1MB
        { Export-DockerContainer $name -Path $tar -ErrorAction Stop } | Should -Throw -ErrorId 'ExportFileExists*'
    }
}
