# Every docker run / docker create flag PSDocker has as a parameter, checked against the docker CLI: the same
# setting made both ways (New-DockerContainer -X and docker create --x), then what the engine stored, read back
# with docker inspect, must be the same, and not the engine's default.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $image = Get-TestImage
    $network = New-TestName 'flags-net'
    Invoke-TestDocker network create --label psdocker.test=flags --subnet 172.31.250.0/24 $network | Out-Null
    $source = New-TestName 'flags-src'
    Invoke-TestDocker create --label psdocker.test=flags -v /data --name $source $image true | Out-Null
    $files = Join-Path $env:PSDOCKER_PESTER_TEMP "flags-$([guid]::NewGuid().ToString('n').Substring(0, 6))"
    New-Item -ItemType Directory $files | Out-Null
    Set-Content (Join-Path $files 'app.env') "# a comment`n`nFROM_FILE=1`nOVERRIDDEN=file`n  INDENTED=yes`nINHERITED"
    Set-Content (Join-Path $files 'app.labels') "# labels`nteam=web`ntier=front"
    $env:INHERITED = 'from-session'

    function Test-SameAsCli([hashtable] $Ours, [string[]] $Cli, [string] $Format) {
        $ourContainer = New-DockerContainer -Image $image -Label @{ 'psdocker.test' = 'flags' } @Ours -Command true -WarningVariable warned -WarningAction SilentlyContinue
        # The CLI prints the engine's warnings on stderr beside the id, in either order: the id is the 64-hex line.
        $cliId = @(Invoke-TestDocker create --label psdocker.test=flags @Cli $image true) -match '^[0-9a-f]{64}$' | Select-Object -First 1
        $mine = Invoke-TestDocker inspect -f $Format $ourContainer.Id
        $theirs = Invoke-TestDocker inspect -f $Format $cliId
        [pscustomobject]@{ Ours = "$mine"; Cli = "$theirs"; Id = $ourContainer.Id; Warnings = @($warned | ForEach-Object { "$_" }) }
    }
}

AfterAll {
    Remove-Item env:INHERITED -ErrorAction Ignore
    Remove-TestObject
}

Describe 'docker run flags as parameters, stored as the CLI stores them' {
    It '-<Parameter> is stored as --<Flag> stores it' -ForEach @(
        @{ Parameter = 'AddHost'; Flag = 'add-host'; Ours = @{ AddHost = 'db:10.0.0.5', 'gw=host-gateway' }; Cli = @('--add-host', 'db:10.0.0.5', '--add-host', 'gw=host-gateway'); Format = '{{json .HostConfig.ExtraHosts}}' }
        @{ Parameter = 'BlkioWeight'; Flag = 'blkio-weight'; Ours = @{ BlkioWeight = 300 }; Cli = @('--blkio-weight', '300'); Format = '{{.HostConfig.BlkioWeight}}'; Unsupported = $true }
        @{ Parameter = 'BlkioWeightDevice'; Flag = 'blkio-weight-device'; Ours = @{ BlkioWeightDevice = '/dev/null:200' }; Cli = @('--blkio-weight-device', '/dev/null:200'); Format = '{{json .HostConfig.BlkioWeightDevice}}'; Unsupported = $true }
        @{ Parameter = 'Attach'; Flag = 'attach'; Ours = @{ Attach = 'STDERR' }; Cli = @('--attach', 'STDERR'); Format = '{{.Config.AttachStdin}} {{.Config.AttachStdout}} {{.Config.AttachStderr}}' }
        @{ Parameter = 'Attach with Interactive'; Flag = 'attach with interactive'; Ours = @{ Attach = 'stdout'; Interactive = $true }; Cli = @('--attach', 'stdout', '--interactive'); Format = '{{.Config.AttachStdin}} {{.Config.AttachStdout}} {{.Config.AttachStderr}} {{.Config.OpenStdin}} {{.Config.StdinOnce}}' }
        @{ Parameter = 'Interactive'; Flag = 'interactive'; Ours = @{ Interactive = $true }; Cli = @('--interactive'); Format = '{{.Config.AttachStdin}} {{.Config.OpenStdin}} {{.Config.StdinOnce}}' }
        @{ Parameter = 'CapAdd'; Flag = 'cap-add'; Ours = @{ CapAdd = 'NET_ADMIN', 'SYS_TIME' }; Cli = @('--cap-add', 'NET_ADMIN', '--cap-add', 'SYS_TIME'); Format = '{{json .HostConfig.CapAdd}}' }
        @{ Parameter = 'CapDrop'; Flag = 'cap-drop'; Ours = @{ CapDrop = 'MKNOD' }; Cli = @('--cap-drop', 'MKNOD'); Format = '{{json .HostConfig.CapDrop}}' }
        @{ Parameter = 'CgroupParent'; Flag = 'cgroup-parent'; Ours = @{ CgroupParent = 'psdocker.slice' }; Cli = @('--cgroup-parent', 'psdocker.slice'); Format = '{{.HostConfig.CgroupParent}}' }
        # One of host and private is the engine's default (it depends on the cgroup version); both must match the CLI.
        @{ Parameter = 'Cgroupns host'; Flag = 'cgroupns host'; Ours = @{ Cgroupns = 'host' }; Cli = @('--cgroupns', 'host'); Format = '{{.HostConfig.CgroupnsMode}}'; AnyValue = $true }
        @{ Parameter = 'Cgroupns private'; Flag = 'cgroupns private'; Ours = @{ Cgroupns = 'private' }; Cli = @('--cgroupns', 'private'); Format = '{{.HostConfig.CgroupnsMode}}'; AnyValue = $true }
        @{ Parameter = 'CpuPeriod'; Flag = 'cpu-period'; Ours = @{ CpuPeriod = 50000 }; Cli = @('--cpu-period', '50000'); Format = '{{.HostConfig.CpuPeriod}}' }
        @{ Parameter = 'CpuQuota'; Flag = 'cpu-quota'; Ours = @{ CpuQuota = 25000 }; Cli = @('--cpu-quota', '25000'); Format = '{{.HostConfig.CpuQuota}}' }
        @{ Parameter = 'CpuShares'; Flag = 'cpu-shares'; Ours = @{ CpuShares = 512 }; Cli = @('--cpu-shares', '512'); Format = '{{.HostConfig.CpuShares}}' }
        @{ Parameter = 'CpusetCpus'; Flag = 'cpuset-cpus'; Ours = @{ CpusetCpus = '0' }; Cli = @('--cpuset-cpus', '0'); Format = '{{.HostConfig.CpusetCpus}}' }
        @{ Parameter = 'CpusetMems'; Flag = 'cpuset-mems'; Ours = @{ CpusetMems = '0' }; Cli = @('--cpuset-mems', '0'); Format = '{{.HostConfig.CpusetMems}}' }
        @{ Parameter = 'Device'; Flag = 'device'; Ours = @{ Device = '/dev/null:/dev/mynull:rw', '/dev/zero' }; Cli = @('--device', '/dev/null:/dev/mynull:rw', '--device', '/dev/zero'); Format = '{{json .HostConfig.Devices}}' }
        @{ Parameter = 'DeviceCgroupRule'; Flag = 'device-cgroup-rule'; Ours = @{ DeviceCgroupRule = 'c 1:3 mr' }; Cli = @('--device-cgroup-rule', 'c 1:3 mr'); Format = '{{json .HostConfig.DeviceCgroupRules}}' }
        @{ Parameter = 'DeviceReadBps'; Flag = 'device-read-bps'; Ours = @{ DeviceReadBps = '/dev/null:1mb' }; Cli = @('--device-read-bps', '/dev/null:1mb'); Format = '{{json .HostConfig.BlkioDeviceReadBps}}' }
        @{ Parameter = 'DeviceReadIops'; Flag = 'device-read-iops'; Ours = @{ DeviceReadIops = '/dev/null:1000' }; Cli = @('--device-read-iops', '/dev/null:1000'); Format = '{{json .HostConfig.BlkioDeviceReadIOps}}' }
        @{ Parameter = 'DeviceWriteBps'; Flag = 'device-write-bps'; Ours = @{ DeviceWriteBps = '/dev/null:2mb' }; Cli = @('--device-write-bps', '/dev/null:2mb'); Format = '{{json .HostConfig.BlkioDeviceWriteBps}}' }
        @{ Parameter = 'DeviceWriteIops'; Flag = 'device-write-iops'; Ours = @{ DeviceWriteIops = '/dev/null:500' }; Cli = @('--device-write-iops', '/dev/null:500'); Format = '{{json .HostConfig.BlkioDeviceWriteIOps}}' }
        @{ Parameter = 'Dns'; Flag = 'dns'; Ours = @{ Dns = '1.1.1.1', '9.9.9.9' }; Cli = @('--dns', '1.1.1.1', '--dns', '9.9.9.9'); Format = '{{json .HostConfig.Dns}}' }
        @{ Parameter = 'DnsOption'; Flag = 'dns-option'; Ours = @{ DnsOption = 'ndots:2' }; Cli = @('--dns-option', 'ndots:2'); Format = '{{json .HostConfig.DnsOptions}}' }
        @{ Parameter = 'DnsSearch'; Flag = 'dns-search'; Ours = @{ DnsSearch = 'example.com' }; Cli = @('--dns-search', 'example.com'); Format = '{{json .HostConfig.DnsSearch}}' }
        @{ Parameter = 'Domainname'; Flag = 'domainname'; Ours = @{ Domainname = 'example.org' }; Cli = @('--domainname', 'example.org'); Format = '{{.Config.Domainname}}' }
        @{ Parameter = 'Expose'; Flag = 'expose'; Ours = @{ Expose = '8080', '9000-9001/udp' }; Cli = @('--expose', '8080', '--expose', '9000-9001/udp'); Format = '{{json .Config.ExposedPorts}}' }
        @{ Parameter = 'GroupAdd'; Flag = 'group-add'; Ours = @{ GroupAdd = '10', 'audio' }; Cli = @('--group-add', '10', '--group-add', 'audio'); Format = '{{json .HostConfig.GroupAdd}}' }
        @{ Parameter = 'HealthCmd'; Flag = 'health-cmd'; Ours = @{ HealthCmd = 'test -e /bin/sh' }; Cli = @('--health-cmd', 'test -e /bin/sh'); Format = '{{json .Config.Healthcheck.Test}}' }
        @{ Parameter = 'HealthInterval'; Flag = 'health-interval'; Ours = @{ HealthCmd = 'true'; HealthInterval = '1m30s' }; Cli = @('--health-cmd', 'true', '--health-interval', '1m30s'); Format = '{{.Config.Healthcheck.Interval}}' }
        @{ Parameter = 'HealthRetries'; Flag = 'health-retries'; Ours = @{ HealthCmd = 'true'; HealthRetries = 4 }; Cli = @('--health-cmd', 'true', '--health-retries', '4'); Format = '{{.Config.Healthcheck.Retries}}' }
        @{ Parameter = 'HealthStartPeriod'; Flag = 'health-start-period'; Ours = @{ HealthCmd = 'true'; HealthStartPeriod = [timespan]::FromSeconds(20) }; Cli = @('--health-cmd', 'true', '--health-start-period', '20s'); Format = '{{.Config.Healthcheck.StartPeriod}}' }
        @{ Parameter = 'HealthTimeout'; Flag = 'health-timeout'; Ours = @{ HealthCmd = 'true'; HealthTimeout = 5000000000 }; Cli = @('--health-cmd', 'true', '--health-timeout', '5s'); Format = '{{.Config.Healthcheck.Timeout}}' }
        @{ Parameter = 'Ip'; Flag = 'ip'; Ours = @{ Network = '__net__'; Ip = '172.31.250.10' }; Cli = @('--network', '__net__', '--ip', '172.31.250.11'); Format = '{{range .NetworkSettings.Networks}}{{.IPAMConfig.IPv4Address}}{{end}}'; Differs = @('172.31.250.10', '172.31.250.11') }
        @{ Parameter = 'Ipc'; Flag = 'ipc'; Ours = @{ Ipc = 'shareable' }; Cli = @('--ipc', 'shareable'); Format = '{{.HostConfig.IpcMode}}' }
        @{ Parameter = 'Link'; Flag = 'link'; Ours = @{ Link = '__src__:source' }; Cli = @('--link', '__src__:source'); Format = '{{json .HostConfig.Links}}'; Names = $true }
        @{ Parameter = 'LinkLocalIp'; Flag = 'link-local-ip'; Ours = @{ Network = '__net__'; LinkLocalIp = '169.254.10.10' }; Cli = @('--network', '__net__', '--link-local-ip', '169.254.10.10'); Format = '{{range .NetworkSettings.Networks}}{{json .IPAMConfig.LinkLocalIPs}}{{end}}' }
        @{ Parameter = 'LogDriver'; Flag = 'log-driver'; Ours = @{ LogDriver = 'none' }; Cli = @('--log-driver', 'none'); Format = '{{.HostConfig.LogConfig.Type}}' }
        @{ Parameter = 'LogOpt'; Flag = 'log-opt'; Ours = @{ LogDriver = 'json-file'; LogOpt = @{ 'max-size' = '1m'; 'max-file' = '2' } }; Cli = @('--log-driver', 'json-file', '--log-opt', 'max-size=1m', '--log-opt', 'max-file=2'); Format = '{{json .HostConfig.LogConfig.Config}}' }
        @{ Parameter = 'MemoryReservation'; Flag = 'memory-reservation'; Ours = @{ MemoryReservation = '32m' }; Cli = @('--memory-reservation', '32m'); Format = '{{.HostConfig.MemoryReservation}}' }
        @{ Parameter = 'MemorySwap'; Flag = 'memory-swap'; Ours = @{ Memory = '64m'; MemorySwap = '128m' }; Cli = @('--memory', '64m', '--memory-swap', '128m'); Format = '{{.HostConfig.MemorySwap}}' }
        @{ Parameter = 'MemorySwap -1'; Flag = 'memory-swap -1'; Ours = @{ Memory = '64m'; MemorySwap = -1 }; Cli = @('--memory', '64m', '--memory-swap', '-1'); Format = '{{.HostConfig.MemorySwap}}' }
        @{ Parameter = 'MemorySwappiness'; Flag = 'memory-swappiness'; Ours = @{ MemorySwappiness = 10 }; Cli = @('--memory-swappiness', '10'); Format = '{{.HostConfig.MemorySwappiness}}' }
        @{ Parameter = 'NetworkAlias'; Flag = 'network-alias'; Ours = @{ Network = '__net__'; NetworkAlias = 'api', 'backend' }; Cli = @('--network', '__net__', '--network-alias', 'api', '--network-alias', 'backend'); Format = '{{range .NetworkSettings.Networks}}{{json .Aliases}}{{end}}' }
        @{ Parameter = 'NoHealthcheck'; Flag = 'no-healthcheck'; Ours = @{ NoHealthcheck = $true }; Cli = @('--no-healthcheck'); Format = '{{json .Config.Healthcheck.Test}}' }
        @{ Parameter = 'OomKillDisable'; Flag = 'oom-kill-disable'; Ours = @{ OomKillDisable = $true; Memory = '64m' }; Cli = @('--oom-kill-disable', '--memory', '64m'); Format = '{{.HostConfig.OomKillDisable}}' }
        @{ Parameter = 'OomScoreAdj'; Flag = 'oom-score-adj'; Ours = @{ OomScoreAdj = 100 }; Cli = @('--oom-score-adj', '100'); Format = '{{.HostConfig.OomScoreAdj}}' }
        @{ Parameter = 'Pid'; Flag = 'pid'; Ours = @{ Pid = 'host' }; Cli = @('--pid', 'host'); Format = '{{.HostConfig.PidMode}}' }
        @{ Parameter = 'PidsLimit'; Flag = 'pids-limit'; Ours = @{ PidsLimit = 99 }; Cli = @('--pids-limit', '99'); Format = '{{.HostConfig.PidsLimit}}' }
        @{ Parameter = 'PublishAll'; Flag = 'publish-all'; Ours = @{ PublishAll = $true }; Cli = @('--publish-all'); Format = '{{.HostConfig.PublishAllPorts}}' }
        @{ Parameter = 'Runtime'; Flag = 'runtime'; Ours = @{ Runtime = 'runc' }; Cli = @('--runtime', 'runc'); Format = '{{.HostConfig.Runtime}}'; AnyValue = $true }
        @{ Parameter = 'SecurityOpt'; Flag = 'security-opt'; Ours = @{ SecurityOpt = 'no-new-privileges' }; Cli = @('--security-opt', 'no-new-privileges'); Format = '{{json .HostConfig.SecurityOpt}}' }
        @{ Parameter = 'ShmSize'; Flag = 'shm-size'; Ours = @{ ShmSize = '128m' }; Cli = @('--shm-size', '128m'); Format = '{{.HostConfig.ShmSize}}' }
        @{ Parameter = 'StopSignal'; Flag = 'stop-signal'; Ours = @{ StopSignal = 'SIGINT' }; Cli = @('--stop-signal', 'SIGINT'); Format = '{{.Config.StopSignal}}' }
        @{ Parameter = 'StopTimeout'; Flag = 'stop-timeout'; Ours = @{ StopTimeout = 7 }; Cli = @('--stop-timeout', '7'); Format = '{{.Config.StopTimeout}}' }
        @{ Parameter = 'Sysctl'; Flag = 'sysctl'; Ours = @{ Sysctl = @{ 'net.ipv4.ip_forward' = '1' } }; Cli = @('--sysctl', 'net.ipv4.ip_forward=1'); Format = '{{json .HostConfig.Sysctls}}' }
        @{ Parameter = 'Tmpfs'; Flag = 'tmpfs'; Ours = @{ Tmpfs = '/run:rw,size=1m', '/cache' }; Cli = @('--tmpfs', '/run:rw,size=1m', '--tmpfs', '/cache'); Format = '{{json .HostConfig.Tmpfs}}' }
        @{ Parameter = 'Ulimit'; Flag = 'ulimit'; Ours = @{ Ulimit = 'nofile=1024:2048', 'nproc=64' }; Cli = @('--ulimit', 'nofile=1024:2048', '--ulimit', 'nproc=64'); Format = '{{json .HostConfig.Ulimits}}' }
        @{ Parameter = 'Userns'; Flag = 'userns'; Ours = @{ Userns = 'host' }; Cli = @('--userns', 'host'); Format = '{{.HostConfig.UsernsMode}}' }
        @{ Parameter = 'Uts'; Flag = 'uts'; Ours = @{ Uts = 'host' }; Cli = @('--uts', 'host'); Format = '{{.HostConfig.UTSMode}}' }
        @{ Parameter = 'VolumeDriver'; Flag = 'volume-driver'; Ours = @{ VolumeDriver = 'local' }; Cli = @('--volume-driver', 'local'); Format = '{{.HostConfig.VolumeDriver}}' }
        @{ Parameter = 'VolumesFrom'; Flag = 'volumes-from'; Ours = @{ VolumesFrom = '__src__:ro' }; Cli = @('--volumes-from', '__src__:ro'); Format = '{{json .HostConfig.VolumesFrom}}' }
        @{ Parameter = 'EnvFile'; Flag = 'env-file'; Ours = @{ EnvFile = '__files__/app.env'; Environment = 'OVERRIDDEN=param' }; Cli = @('--env-file', '__files__/app.env', '--env', 'OVERRIDDEN=param'); Format = '{{json .Config.Env}}' }
        @{ Parameter = 'LabelFile'; Flag = 'label-file'; Ours = @{ LabelFile = '__files__/app.labels' }; Cli = @('--label-file', '__files__/app.labels'); Format = '{{json .Config.Labels}}' }
        @{ Parameter = 'RestartPolicy (alias Restart)'; Flag = 'restart'; Ours = @{ Restart = 'on-failure:3' }; Cli = @('--restart', 'on-failure:3'); Format = '{{json .HostConfig.RestartPolicy}}' }
    ) {
        $fill = { param($v) if ($v -is [string]) { $v.Replace('__net__', $network).Replace('__src__', $source).Replace('__files__', $files) } else { $v } }
        $splat = @{}
        foreach ($key in $Ours.Keys) {
            $splat[$key] = if ($Ours[$key] -is [array]) { @($Ours[$key] | ForEach-Object { & $fill $_ }) } else { & $fill $Ours[$key] }
        }
        $cliArgs = @($Cli | ForEach-Object { & $fill $_ })
        $result = Test-SameAsCli $splat $cliArgs $Format
        # What a container made without the flag holds (a template error where the section is missing: nothing).
        $plain = Invoke-TestDocker create --label psdocker.test=flags $image true
        $default = Invoke-TestDockerUnchecked inspect -f $Format $plain
        if ($LASTEXITCODE -ne 0) { $default = '' }
        if ($Unsupported) {
            # This kernel cannot do it: the engine discards the setting with a warning, for the CLI and for us alike.
            $result.Ours | Should -Be $result.Cli
            $result.Warnings -join ' ' | Should -BeLike '*not support*'
            return
        }
        if ($AnyValue) {
            $result.Ours | Should -Be $result.Cli
            return
        }
        if ($Differs) {
            # Two containers cannot share one address: each must hold the one it was given.
            $result.Ours | Should -Be $Differs[0]
            $result.Cli | Should -Be $Differs[1]
        } elseif ($Names) {
            # Links name the linking container, which differs; the target and alias must match.
            ($result.Ours -replace '/[^/"]+/source', '/X/source') | Should -Be ($result.Cli -replace '/[^/"]+/source', '/X/source')
        } else {
            $result.Ours | Should -Be $result.Cli
        }
        $result.Ours | Should -Not -Be $default -Because "-$Parameter must change what the engine stores"
    }

    It '-Cidfile writes the id as --cidfile does, and refuses a file that exists' {
        $file = Join-Path $files "cid-$([guid]::NewGuid().ToString('n')).txt"
        $created = New-DockerContainer $image true -Cidfile $file -Label @{ 'psdocker.test' = 'flags' }
        Get-Content $file -Raw | Should -Be $created.Id
        $before = @(Invoke-TestDocker ps -aq).Count
        { New-DockerContainer $image true -Cidfile $file -Label @{ 'psdocker.test' = 'flags' } -ErrorAction Stop } | Should -Throw -ErrorId 'CidfileExists,*'
        Invoke-TestDockerUnchecked create --cidfile $file $image true | Out-Null
        $LASTEXITCODE | Should -Not -Be 0 -Because 'the CLI refuses an existing cid file too'
        @(Invoke-TestDocker ps -aq).Count | Should -Be $before
    }

    It '-RawConfig takes the engine''s own durations: nanoseconds, and 1s as the CLI writes them' {
        $created = New-DockerContainer $image true -Label @{ 'psdocker.test' = 'flags' } -RawConfig @{ Healthcheck = @{ Test = @('CMD', 'true'); Interval = '1s'; Timeout = 3000000000 }; StopTimeout = '20s' }
        $stored = Invoke-TestDocker inspect $created.Id | ConvertFrom-Json
        $stored.Config.Healthcheck.Interval | Should -Be 1000000000
        $stored.Config.Healthcheck.Timeout | Should -Be 3000000000
        $stored.Config.StopTimeout | Should -Be 20
    }

    It 'runs a health check and the container turns healthy, as with docker run' {
        $name = New-TestName 'healthy'
        Invoke-DockerContainer $image sleep 60 -Detach -Name $name -Label @{ 'psdocker.test' = 'flags' } -HealthCmd 'true' -HealthInterval 200ms -HealthRetries 1 | Out-Null
        Wait-Until { (Invoke-TestDocker inspect -f '{{.State.Health.Status}}' $name) -eq 'healthy' } 30 'The container turning healthy'
        (Get-DockerContainer -Name $name -Inspect).Health | Should -Be 'healthy'
    }
}

Describe 'Bad flag values are refused before any request' {
    It 'refuses <Parameter> <Value> with <ErrorId>, and creates nothing' -ForEach @(
        @{ Parameter = 'Ulimit'; Value = 'nofile'; ErrorId = 'InvalidUlimit' }
        @{ Parameter = 'Ulimit'; Value = 'nofile=10:5'; ErrorId = 'InvalidUlimit' }
        @{ Parameter = 'Device'; Value = 'relative:/dev/x:zz'; ErrorId = 'InvalidDevice' }
        @{ Parameter = 'AddHost'; Value = 'nohost'; ErrorId = 'InvalidAddHost' }
        @{ Parameter = 'AddHost'; Value = 'db:not-an-ip'; ErrorId = 'InvalidAddHost' }
        @{ Parameter = 'Dns'; Value = 'dns.example'; ErrorId = 'InvalidDns' }
        @{ Parameter = 'Expose'; Value = '70000'; ErrorId = 'InvalidExpose' }
        @{ Parameter = 'Tmpfs'; Value = 'relative'; ErrorId = 'InvalidTmpfs' }
        @{ Parameter = 'StopSignal'; Value = 'not a signal'; ErrorId = 'InvalidSignal' }
        @{ Parameter = 'ShmSize'; Value = 'lots'; ErrorId = 'InvalidSize' }
        @{ Parameter = 'MemorySwap'; Value = '-2'; ErrorId = 'InvalidSize' }
        @{ Parameter = 'LogOpt'; Value = 'max-size'; ErrorId = 'InvalidLogOpt' }
        @{ Parameter = 'Sysctl'; Value = '=1'; ErrorId = 'InvalidSysctl' }
        @{ Parameter = 'HealthInterval'; Value = 'soon'; ErrorId = 'InvalidDuration' }
        @{ Parameter = 'Ip'; Value = '10.0.0.300'; ErrorId = 'InvalidIpAddress' }
        @{ Parameter = 'EnvFile'; Value = '/no/such/file.env'; ErrorId = 'EnvFileUnreadable' }
        @{ Parameter = 'DeviceReadBps'; Value = '/dev/null:fast'; ErrorId = 'InvalidDeviceRate' }
        @{ Parameter = 'Link'; Value = 'a:b:c'; ErrorId = 'InvalidLink' }
        @{ Parameter = 'Attach'; Value = 'stdio'; ErrorId = 'InvalidAttachStream' }
    ) {
        $before = @(Invoke-TestDocker ps -aq).Count
        $splat = @{ $Parameter = $Value }
        if ($Parameter -eq 'Ip') { $splat.Network = $network }
        $err = $null
        try { New-DockerContainer $image true @splat -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $err.CategoryInfo.Category | Should -BeIn @('InvalidArgument', 'ReadError')
        "$err" | Should -BeLike "*$(($Value -split '[:=]')[0])*"
        @(Invoke-TestDocker ps -aq).Count | Should -Be $before
    }

    It 'refuses -NoHealthcheck with a health setting (ConflictingHealthcheck), and -Ip without a user-defined network (NetworkRequired)' {
        { New-DockerContainer $image true -NoHealthcheck -HealthCmd true -ErrorAction Stop } | Should -Throw -ErrorId 'ConflictingHealthcheck,*'
        { New-DockerContainer $image true -Ip 10.1.2.3 -ErrorAction Stop } | Should -Throw -ErrorId 'NetworkRequired,*'
    }
}

Describe 'Inspect shows everything docker inspect shows' {
    BeforeAll {
        $name = New-TestName 'inspect'
        $splat = @{
            Name = $name; Label = @{ 'psdocker.test' = 'flags' }; CapAdd = 'NET_ADMIN'; CapDrop = 'MKNOD'; Ulimit = 'nofile=1024:2048'
            LogDriver = 'json-file'; LogOpt = 'max-size=1m'; AddHost = 'db:10.0.0.5'; Dns = '1.1.1.1'; DnsSearch = 'example.com'
            DnsOption = 'ndots:2'; PidsLimit = 50; StopSignal = 'SIGINT'; StopTimeout = 4; ShmSize = '128m'; SecurityOpt = 'no-new-privileges'
            Sysctl = 'net.ipv4.ip_forward=1'; Device = '/dev/null:/dev/mynull:rw'; HealthCmd = 'true'; HealthInterval = '300ms'; HealthRetries = 2
            CpuShares = 256
        }
        Invoke-DockerContainer $image sleep 120 -Detach @splat | Out-Null
        Wait-Until { (Invoke-TestDocker inspect -f '{{.State.Health.Status}}' $name) -eq 'healthy' } 30 'The container turning healthy'
        $detail = Get-DockerContainer -Name $name -Inspect
        $cli = Invoke-TestDocker inspect $name | ConvertFrom-Json
    }

    It 'types the settings the flags make' {
        $detail.CapAdd | Should -Be @('CAP_NET_ADMIN')
        $detail.CapDrop | Should -Be @('CAP_MKNOD')
        $detail.Ulimits | Should -Be @('nofile=1024:2048')
        $detail.LogDriver | Should -Be 'json-file'
        $detail.LogOptions['max-size'] | Should -Be '1m'
        $detail.ExtraHosts | Should -Be @('db:10.0.0.5')
        $detail.Dns | Should -Be @('1.1.1.1')
        $detail.DnsSearch | Should -Be @('example.com')
        $detail.DnsOptions | Should -Be @('ndots:2')
        $detail.PidsLimit | Should -Be 50
        $detail.StopSignal | Should -Be 'SIGINT'
        $detail.StopTimeout | Should -Be 4
        $detail.ShmSize | Should -Be 134217728
        $detail.SecurityOptions | Should -Be @('no-new-privileges')
        $detail.Sysctls['net.ipv4.ip_forward'] | Should -Be '1'
        $detail.Devices | Should -Be @('/dev/null:/dev/mynull:rw')
        $detail.Healthcheck.Test | Should -Be @('CMD-SHELL', 'true')
        $detail.Healthcheck.Interval | Should -Be ([timespan]::FromMilliseconds(300))
        $detail.Healthcheck.Retries | Should -Be 2
    }

    It 'has the health check log: results with exit codes and times' {
        $detail.Health | Should -Be 'healthy'
        $detail.HealthLog.Count | Should -BeGreaterThan 0
        $detail.HealthLog[-1].ExitCode | Should -Be 0
        $detail.HealthLog[-1].End | Should -BeGreaterOrEqual $detail.HealthLog[-1].Start
    }

    It 'reaches every other field through Raw, as docker inspect shows it' {
        $detail.Raw.HostConfig.CpuShares | Should -Be 256
        $detail.Raw.Id | Should -Be $cli.Id
        ($detail.Raw.HostConfig | ConvertTo-Json -Depth 10 -Compress) | Should -Be ($cli.HostConfig | ConvertTo-Json -Depth 10 -Compress)
        ($detail.Raw.Config | ConvertTo-Json -Depth 10 -Compress) | Should -Be ($cli.Config | ConvertTo-Json -Depth 10 -Compress)
        $detail.Raw.PSObject.Properties.Name | Should -Be $cli.PSObject.Properties.Name
    }

    It 'does the same for images: Raw is docker image inspect' {
        $imageDetail = Get-DockerImage $image -Inspect
        $imageCli = Invoke-TestDocker image inspect $image | ConvertFrom-Json
        ($imageDetail.Raw.Config | ConvertTo-Json -Depth 10 -Compress) | Should -Be ($imageCli.Config | ConvertTo-Json -Depth 10 -Compress)
        $imageDetail.Raw.RootFS.Layers | Should -Be $imageCli.RootFS.Layers
    }

    It 'shows a network''s IPv6, IPAM options and config-only settings' {
        $net = Get-DockerNetwork -Name $network
        $netCli = Invoke-TestDocker network inspect $network | ConvertFrom-Json
        $net.EnableIPv6 | Should -Be $netCli.EnableIPv6
        $net.ConfigOnly | Should -Be $netCli.ConfigOnly
        $net.ConfigFrom | Should -BeNullOrEmpty
        $net.IpamOptions.Count | Should -Be @($netCli.IPAM.Options.PSObject.Properties).Count
    }
}
