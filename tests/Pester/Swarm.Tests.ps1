# Swarm mode on a real two-node swarm: two private dockerds (Start-TestSwarm -NotJoined), made a swarm by
# Initialize-/Join-DockerSwarm (manager 127.0.0.1:2377, worker 127.0.0.1:2378), then nodes, services, tasks, logs,
# secrets and configs, compared with what the docker CLI sees; the swarm is left again at the end. Services run the
# suite's busybox from its 127.0.0.1 registry only, and carry a psdocker.test label.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $swarm = Start-TestSwarm -Folder (Join-Path $env:PSDOCKER_PESTER_TEMP 'swarm') -NotJoined
    $m, $w, $image = $swarm.ManagerHost, $swarm.WorkerHost, $swarm.Image
    $label = 'psdocker.test=swarm'

    function Invoke-Manager { $out = & docker -H $m @args 2>&1 | ForEach-Object { "$_" }; if ($LASTEXITCODE -ne 0) { throw "docker $args failed: $out" }; $out }
    function Get-RunningTask([string] $Service) {
        @(Get-DockerTask $Service -DesiredState Running -DockerHost $m | Where-Object State -eq 'running')
    }
}

AfterAll {
    foreach ($service in & docker -H $m service ls -q --filter "label=$label" 2>$null) { & docker -H $m service rm $service 2>&1 | Out-Null }
    if ($swarm) { Stop-TestSwarm $swarm }
}

Describe 'Initialize-DockerSwarm and Join-DockerSwarm' {
    BeforeAll {
        $made = Initialize-DockerSwarm -AdvertiseAddress 127.0.0.1:2377 -ListenAddress 127.0.0.1:2377 -DockerHost $m -Verbose 4>&1
        $created = @($made | Where-Object { $_ -is [PSDocker.Model.DockerSwarm] })[0]
        $initVerbose = @($made | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $joinVerbose = @(Join-DockerSwarm 127.0.0.1:2377 -Token $created.JoinTokens.Worker -AdvertiseAddress 127.0.0.1:2378 -ListenAddress 127.0.0.1:2378 -DockerHost $w -Verbose 4>&1 | ForEach-Object Message)
        # Script scope: the other Describe blocks use the same swarm.
        $script:managerId = Invoke-Manager info --format '{{.Swarm.NodeID}}'
        $script:workerId = & docker -H $w info --format '{{.Swarm.NodeID}}'
        Wait-Until { (Invoke-Manager node ls --filter role=worker --format '{{.Status}}') -eq 'Ready' } 30 'The worker node ready'
    }

    It 'makes the engine the manager of a new swarm and returns it, as docker info sees it' {
        $created.Id | Should -Be (Invoke-Manager info --format '{{.Swarm.Cluster.ID}}')
        $created.NodeId | Should -Be $managerId
        $created.JoinTokens.Worker | Should -BeLike 'SWMTKN-1-*'
        $created.JoinTokens.Manager | Should -BeLike 'SWMTKN-1-*'
        $created.JoinTokens.Worker | Should -Be (Invoke-Manager swarm join-token -q worker)
        $created.DockerHost | Should -Be $m
    }

    It 'joins the other engine as a worker with the worker token, which no verbose message repeats' {
        (& docker -H $w info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}') | Should -Be 'active false'
        $joinVerbose -join "`n" | Should -BeLike '*joined the swarm as a worker*'
        foreach ($message in $initVerbose + $joinVerbose) {
            $message | Should -Not -BeLike "*$($created.JoinTokens.Worker)*"
            $message | Should -Not -BeLike "*$($created.JoinTokens.Manager)*"
        }
    }

    It 'Get-DockerSwarm shows the tokens as ''(Worker, Manager)'', never the tokens, when printed' {
        $swarmNow = Get-DockerSwarm -DockerHost $m
        $swarmNow.Nodes | Should -Be 2
        $swarmNow.Managers | Should -Be 1
        ($swarmNow | Format-List | Out-String) | Should -Not -BeLike '*SWMTKN*'
    }

    It 'a second Initialize-DockerSwarm is SwarmAlreadyActive' {
        { Initialize-DockerSwarm -AdvertiseAddress 127.0.0.1:2377 -ListenAddress 127.0.0.1:2377 -DockerHost $m -ErrorAction Stop } |
            Should -Throw -ErrorId 'SwarmAlreadyActive,PSDocker.Commands.Swarm.InitializeDockerSwarmCommand'
    }

    It 'a join token that is not one is InvalidJoinToken, and the token is not the target' {
        $failure = { Join-DockerSwarm 127.0.0.1:2377 -Token 'not-a-token' -DockerHost $w -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidJoinToken,PSDocker.Commands.Swarm.JoinDockerSwarmCommand' -PassThru
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.Exception.Message | Should -Not -BeLike '*not-a-token*'
    }

    It 'Get-DockerSwarm on the worker is SwarmNotManager, on an engine in no swarm SwarmNotActive' {
        $failure = { Get-DockerSwarm -DockerHost $w -ErrorAction Stop } | Should -Throw -ErrorId 'SwarmNotManager,PSDocker.Commands.Swarm.GetDockerSwarmCommand' -PassThru
        $failure.TargetObject | Should -Be $w
        $failure.CategoryInfo.Category | Should -Be 'InvalidOperation'
        { Get-DockerSwarm -ErrorAction Stop } | Should -Throw -ErrorId 'SwarmNotActive,PSDocker.Commands.Swarm.GetDockerSwarmCommand'
    }
}

Describe 'Get-DockerNode and Update-DockerNode' {
    It 'lists both nodes as docker node ls does, the manager first and marked as the answering one' {
        $nodes = @(Get-DockerNode -DockerHost $m)
        $cli = @(Invoke-Manager node ls --format '{{json .}}' | ConvertFrom-Json)
        $nodes.Count | Should -Be 2
        ($nodes.Id | Sort-Object) | Should -Be (@($managerId, $workerId) | Sort-Object)
        $nodes[0].Id | Should -Be $managerId
        $nodes[0].Self | Should -BeTrue
        $nodes[0].Role | Should -Be 'Manager'
        $nodes[0].ManagerStatus | Should -Be (($cli | Where-Object { $_.ID -eq $managerId }).ManagerStatus)
        $nodes[1].Role | Should -Be 'Worker'
        foreach ($node in $nodes) {
            $row = $cli | Where-Object { $_.ID -eq $node.Id }
            $node.Hostname | Should -Be $row.Hostname
            $node.Status | Should -Be $row.Status
            $node.Availability | Should -Be $row.Availability
            $node.EngineVersion | Should -Be $row.EngineVersion
        }
    }

    It 'labels a node and takes the label away again; the engine''s version index is handled' {
        $updated = Update-DockerNode $workerId -Label @{ zone = 'b'; 'psdocker.test' = 'swarm' } -PassThru -DockerHost $m
        $updated.Labels['zone'] | Should -Be 'b'
        (Invoke-Manager node inspect $workerId --format '{{json .Spec.Labels}}' | ConvertFrom-Json).zone | Should -Be 'b'
        Get-DockerNode -Label 'zone=b' -DockerHost $m | ForEach-Object Id | Should -Be $workerId
        Update-DockerNode $workerId -RemoveLabel zone -DockerHost $m
        (Get-DockerNode $workerId -DockerHost $m).Labels.ContainsKey('zone') | Should -BeFalse
    }

    It 'an unknown node is NodeNotFound naming it; nothing else changes' {
        Update-DockerNode nosuchnode0000 -Availability Drain -DockerHost $m -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'NodeNotFound,PSDocker.Commands.Swarm.UpdateDockerNodeCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].TargetObject | Should -Be 'nosuchnode0000'
        @(Get-DockerNode -Availability Drain -DockerHost $m).Count | Should -Be 0
    }

    It 'Remove-DockerNode -Force asks at the High impact level (nothing is sent unanswered); $ConfirmPreference None lets it through' {
        $asked = Invoke-FreshPwsh "Remove-DockerNode nosuchnode0000 -Force -DockerHost '$m'; 'done'"
        ($asked -join "`n") | Should -Not -BeLike '*NodeNotFound*'
        ($asked -join "`n") | Should -BeLike '*prompt*'
        $sent = Invoke-FreshPwsh "`$ConfirmPreference = 'None'; Remove-DockerNode nosuchnode0000 -Force -DockerHost '$m' -ErrorVariable e -ErrorAction SilentlyContinue; `$e[0].FullyQualifiedErrorId"
        @($sent)[-1] | Should -Be 'NodeNotFound,PSDocker.Commands.Swarm.RemoveDockerNodeCommand'
    }

    It '-WhatIf changes nothing' {
        Update-DockerNode $workerId -Availability Pause -WhatIf -DockerHost $m
        (Get-DockerNode $workerId -DockerHost $m).Availability | Should -Be 'Active'
    }
}

Describe 'Services and tasks' {
    BeforeAll {
        $web = "web$([guid]::NewGuid().ToString('n').Substring(0, 6))"
        $created = New-DockerService -Name $web -Replicas 4 -StopGracePeriod 1s -Label $label $image -Wait -DockerHost $m -- sh -c 'while true; do echo "line from $(hostname)"; sleep 1; done'
    }

    It 'a 4-replica service reaches 4 running tasks (-Wait), spread over both nodes' {
        $created.Name | Should -Be $web
        $created.Replicas | Should -Be '4/4'
        $created.Image | Should -BeLike "$image@sha256:*"
        $created.Command | Should -Be 'sh', '-c', 'while true; do echo "line from $(hostname)"; sleep 1; done'
        (Invoke-Manager service ls --filter "name=$web" --format '{{.Replicas}}') | Should -Be '4/4'
        $running = Get-RunningTask $web
        $running.Count | Should -Be 4
        ($running.NodeId | Sort-Object -Unique) | Should -Be (@($managerId, $workerId) | Sort-Object)
    }

    It 'Get-DockerService | Get-DockerTask gives the tasks docker service ps gives, with their names, slots and nodes' {
        $tasks = @(Get-DockerService $web -DockerHost $m | Get-DockerTask)
        $cli = @(Invoke-Manager service ps $web --no-trunc --format '{{json .}}' | ConvertFrom-Json)
        ($tasks.Id | Sort-Object) | Should -Be ($cli.ID | Sort-Object)
        foreach ($task in $tasks) {
            $task.ServiceName | Should -Be $web
            $task.Name | Should -Be "$web.$($task.Slot)"
            $task.NodeName | Should -Be (($cli | Where-Object ID -eq $task.Id).Node)
        }
    }

    It 'scales to 6 with Update-DockerService -Replicas' {
        (Update-DockerService $web -Replicas 6 -Wait -PassThru -DockerHost $m).Replicas | Should -Be '6/6'
        (Get-RunningTask $web).Count | Should -Be 6
    }

    It 'Get-DockerServiceLog gives lines of tasks on both nodes, each naming its task and node' {
        $lines = @(Get-DockerServiceLog $web -Tail 3 -DockerHost $m)
        $lines.Count | Should -BeGreaterThan 5
        ($lines.NodeId | Sort-Object -Unique) | Should -Be (@($managerId, $workerId) | Sort-Object)
        foreach ($line in $lines) {
            $line.Service | Should -Be $web
            $line.Task | Should -Match "^$web\.\d+$"
            $line.Line | Should -BeLike 'line from *'
        }
        ($lines[0] | Out-String) | Should -BeLike "*$web.*@*| line from *"
    }

    It 'completes service and node names' {
        $completion = TabExpansion2 -inputScript "Get-DockerService -DockerHost $m -Name $($web.Substring(0, 4))" -cursorColumn ("Get-DockerService -DockerHost $m -Name $($web.Substring(0, 4))").Length
        $completion.CompletionMatches.CompletionText | Should -Contain $web
        $completion = TabExpansion2 -inputScript "Update-DockerNode -DockerHost $m -Id $($workerId.Substring(0, 3))" -cursorColumn ("Update-DockerNode -DockerHost $m -Id $($workerId.Substring(0, 3))").Length
        $completion.CompletionMatches.CompletionText | Should -Contain $workerId
    }

    It 'the table reads like docker service ls within 80 columns' {
        $table = Get-DockerService $web -DockerHost $m | Out-String -Width 80
        $table | Should -BeLike '*ID*NAME*MODE*REPLICAS*IMAGE*PORTS*'
        $table | Should -BeLike "*$web*replicated*6/6*"
        # PORTS is as wide as a published port reads (*:8080->80/tcp, 14), not cut.
        $view = (Get-FormatData -TypeName PSDocker.Model.DockerService).FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.TableControl] }
        ($view.Control.Headers | Where-Object Label -eq PORTS).Width | Should -Be 14
        foreach ($row in $table -split "`n") { $row.TrimEnd().Length | Should -BeLessOrEqual 80 }
    }

    It 'draining the worker moves its tasks to the manager; Get-DockerNode | Where Availability -eq Drain finds it' {
        Update-DockerNode $workerId -Availability Drain -DockerHost $m
        (Get-DockerNode -DockerHost $m | Where-Object Availability -eq drain).Id | Should -Be $workerId
        Wait-Until { $r = Get-RunningTask $web; $r.Count -eq 6 -and @($r | Where-Object NodeId -ne $managerId).Count -eq 0 } 90 'All tasks running on the manager'
        @(Get-RunningTask $web | Where-Object NodeId -eq $workerId).Count | Should -Be 0
        Update-DockerNode $workerId -Availability Active -DockerHost $m
    }

    It 'killing the worker''s dockerd brings the service back to full replicas on the manager' {
        Update-DockerService $web -Force -Wait -DockerHost $m   # spread over both nodes again
        @(Get-RunningTask $web | Where-Object NodeId -eq $workerId).Count | Should -BeGreaterThan 0
        & kill -KILL $swarm.Worker.Pid
        try {
            Wait-Until { (Get-DockerNode $workerId -DockerHost $m).Status -eq 'Down' } 90 'The manager seeing the worker down'
            Wait-Until { $r = Get-RunningTask $web; $r.Count -eq 6 -and @($r | Where-Object NodeId -ne $managerId).Count -eq 0 } 90 'All 6 tasks running on the manager'
            # The engine still counts the down node's tasks as running (docker service ls shows the same count).
            (Get-DockerService $web -DockerHost $m).Replicas | Should -Be (Invoke-Manager service ls --filter "name=$web" --format '{{.Replicas}}')
        } finally {
            # Whatever failed above, the later tests get their worker back.
            Restart-PrivateDockerd $swarm.Worker | Out-Null
            Wait-Until { (Get-DockerNode $workerId -DockerHost $m).Status -eq 'Ready' } 60 'The worker back'
        }
    }

    It 'a bad update rolls back: -Wait ends in ServiceUpdateRolledBack and the service runs its old command' {
        $rb = "rb$([guid]::NewGuid().ToString('n').Substring(0, 6))"
        New-DockerService -Name $rb -Replicas 2 -StopGracePeriod 1s -Label $label $image -Wait -DockerHost $m -- sh -c 'sleep 3600' | Out-Null
        $failure = { Update-DockerService $rb -Command sh, -c, 'exit 3' -UpdateFailureAction rollback -UpdateMonitor 5s -Wait -DockerHost $m -ErrorAction Stop } |
            Should -Throw -ErrorId 'ServiceUpdateRolledBack,PSDocker.Commands.Swarm.UpdateDockerServiceCommand' -PassThru
        $failure.CategoryInfo.Category | Should -Be 'InvalidResult'
        $failure.TargetObject | Should -Be $rb
        (Get-DockerService $rb -DockerHost $m).Command[2] | Should -Be 'sleep 3600'
        (Invoke-Manager service inspect $rb --format '{{.UpdateStatus.State}}') | Should -BeLike 'rollback_*'
        Remove-DockerService $rb -DockerHost $m
    }

    It 'docker service create flags give the spec the CLI gives for the same flags' {
        $envFile = Join-Path $env:PSDOCKER_PESTER_TEMP 'svc.env'
        Set-Content $envFile "# a comment`nFROM_FILE=1"
        $ours, $theirs = "fl$([guid]::NewGuid().ToString('n').Substring(0, 6))", "fl$([guid]::NewGuid().ToString('n').Substring(0, 6))"
        New-DockerService -Name $ours -Replicas 0 -ReadOnly -Init -AddHost 'db:10.0.0.5' -Dns 10.0.0.53 -EnvFile $envFile -Environment @{ B = '2' } `
            -HealthCmd 'true' -HealthInterval 5s -HealthRetries 2 -MaxReplicasPerNode 2 -EndpointMode dnsrr -LogDriver json-file -LogOpt 'max-size=1m' `
            -CapAdd NET_ADMIN -StopSignal SIGINT -LimitPids 50 -UpdateMaxFailureRatio 0.5 -RollbackParallelism 2 -RollbackDelay 3s -RollbackFailureAction continue `
            -RollbackOrder start-first -Label $label $image -DockerHost $m -- sleep 60 | Out-Null
        Invoke-Manager service create -q --name $theirs --replicas 0 --read-only --init --host 'db:10.0.0.5' --dns 10.0.0.53 --env-file $envFile --env B=2 `
            --health-cmd true --health-interval 5s --health-retries 2 --replicas-max-per-node 2 --endpoint-mode dnsrr --log-driver json-file --log-opt max-size=1m `
            --cap-add NET_ADMIN --stop-signal SIGINT --limit-pids 50 --update-max-failure-ratio 0.5 --rollback-parallelism 2 --rollback-delay 3s `
            --rollback-failure-action continue --rollback-order start-first --label $label $image sleep 60 | Out-Null
        try {
            $a, $b = @($ours, $theirs | ForEach-Object { (Invoke-Manager service inspect $_ | ConvertFrom-Json).Spec })
            foreach ($field in 'ReadOnly', 'Init', 'Hosts', 'DNSConfig', 'Env', 'Healthcheck', 'CapabilityAdd', 'StopSignal', 'Args') {
                ($a.TaskTemplate.ContainerSpec.$field | ConvertTo-Json -Compress -Depth 5) | Should -Be ($b.TaskTemplate.ContainerSpec.$field | ConvertTo-Json -Compress -Depth 5) -Because $field
            }
            $a.TaskTemplate.Placement.MaxReplicas | Should -Be $b.TaskTemplate.Placement.MaxReplicas
            $a.EndpointSpec.Mode | Should -Be $b.EndpointSpec.Mode
            ($a.TaskTemplate.LogDriver | ConvertTo-Json -Compress) | Should -Be ($b.TaskTemplate.LogDriver | ConvertTo-Json -Compress)
            $a.TaskTemplate.Resources.Limits.Pids | Should -Be $b.TaskTemplate.Resources.Limits.Pids
            ($a.RollbackConfig | ConvertTo-Json -Compress) | Should -Be ($b.RollbackConfig | ConvertTo-Json -Compress)
            $a.UpdateConfig.MaxFailureRatio | Should -Be $b.UpdateConfig.MaxFailureRatio
        } finally {
            Invoke-Manager service rm $ours $theirs | Out-Null
        }
    }

    It 'bad input is typed and makes nothing: a bad constraint, an image the registry lacks, a -WhatIf' {
        $bad = "bad$([guid]::NewGuid().ToString('n').Substring(0, 6))"
        $failure = { New-DockerService -Name $bad -Constraint 'node.rol==manager' $image -DockerHost $m -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidConstraint,PSDocker.Commands.Swarm.NewDockerServiceCommand' -PassThru
        $failure.TargetObject | Should -Be 'node.rol==manager'
        $failure = { New-DockerService -Name $bad "$env:PSDOCKER_PESTER_REGISTRY/psdocker-test/no-such-image:1" -DockerHost $m -ErrorAction Stop } | Should -Throw -ErrorId 'ServiceImageNotFound,PSDocker.Commands.Swarm.NewDockerServiceCommand' -PassThru
        $failure.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        New-DockerService -Name $bad $image -WhatIf -DockerHost $m
        @(Invoke-Manager service ls -q --filter "name=$bad").Count | Should -Be 0
        { New-DockerService -Name $web $image -DockerHost $m -ErrorAction Stop } | Should -Throw -ErrorId 'ServiceAlreadyExists,PSDocker.Commands.Swarm.NewDockerServiceCommand'
        { Get-DockerService nosuchservice -DockerHost $m -ErrorAction Stop } | Should -Throw -ErrorId 'ServiceNotFound,PSDocker.Commands.Swarm.GetDockerServiceCommand'
        { New-DockerService -Name $bad $image -ErrorAction Stop } | Should -Throw -ErrorId 'SwarmNotManager,PSDocker.Commands.Swarm.NewDockerServiceCommand'
    }
}

Describe 'Secrets and configs' {
    BeforeAll {
        $value = "s3cret-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
        $secretName = "sec$([guid]::NewGuid().ToString('n').Substring(0, 6))"
        $configName = "cfg$([guid]::NewGuid().ToString('n').Substring(0, 6))"
        $streams = New-DockerSecret $secretName (ConvertTo-SecureString $value -AsPlainText -Force) -Label $label -DockerHost $m -Verbose -Debug *>&1
        $secret = @($streams | Where-Object { $_ -is [PSDocker.Model.DockerSecret] })[0]
        $config = New-DockerConfig $configName 'config-text' -Label $label -DockerHost $m
        $reader = "rd$([guid]::NewGuid().ToString('n').Substring(0, 6))"
        New-DockerService -Name $reader -Secret $secretName -Config "source=$configName,target=/app.conf" -StopGracePeriod 1s -Label $label $image -Wait -DockerHost $m `
            -- sh -c 'cat /run/secrets/*; echo; cat /app.conf; echo; sleep 3600' | Out-Null
    }

    AfterAll {
        & docker -H $m service rm $reader 2>&1 | Out-Null
        Start-Sleep -Milliseconds 500
        & docker -H $m secret rm $secretName 2>&1 | Out-Null
        & docker -H $m config rm $configName 2>&1 | Out-Null
    }

    It 'a secret is readable inside a task (/run/secrets/NAME), and so is a config at its target' {
        Wait-Until { @(Get-DockerServiceLog $reader -DockerHost $m | Where-Object Line -eq $value).Count -ge 1 } 30 'The task printing the secret'
        @(Get-DockerServiceLog $reader -DockerHost $m | Where-Object Line -eq 'config-text').Count | Should -BeGreaterThan 0
        (Get-DockerService $reader -DockerHost $m).Secrets | Should -Be $secretName
    }

    It 'the secret''s value appears in no stream of New-DockerSecret -Verbose -Debug, nor in its objects' {
        foreach ($item in $streams) { "$item" | Should -Not -BeLike "*$value*" }
        ($secret | ConvertTo-Json -Depth 4) | Should -Not -BeLike "*$value*"
        (Get-DockerSecret $secretName -DockerHost $m | Format-List * | Out-String) | Should -Not -BeLike "*$value*"
        (Invoke-Manager secret inspect $secretName) -join "`n" | Should -Not -BeLike "*$value*"
    }

    It 'Get-DockerSecret and Get-DockerConfig list what docker secret ls and config ls list' {
        $secret.Id | Should -Be (Invoke-Manager secret ls --filter "name=$secretName" --format '{{.ID}}')
        (Get-DockerSecret -Label $label -DockerHost $m).Name | Should -Contain $secretName
        $config.Id | Should -Be (Invoke-Manager config ls --filter "name=$configName" --format '{{.ID}}')
        (Get-DockerConfig $configName -DockerHost $m).Text | Should -Be 'config-text'
    }

    It 'a secret in use is SecretInUse and stays; a name taken is SecretAlreadyExists' {
        Remove-DockerSecret $secretName -DockerHost $m -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -Be 'SecretInUse,PSDocker.Commands.Swarm.RemoveDockerSecretCommand'
        $failed[0].TargetObject | Should -Be $secretName
        @(Get-DockerSecret $secretName -DockerHost $m).Count | Should -Be 1
        { New-DockerSecret $secretName (ConvertTo-SecureString 'x' -AsPlainText -Force) -DockerHost $m -ErrorAction Stop } |
            Should -Throw -ErrorId 'SecretAlreadyExists,PSDocker.Commands.Swarm.NewDockerSecretCommand'
        { New-DockerSecret 'bad/name' -Path /etc/hostname -DockerHost $m -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidSecretName,PSDocker.Commands.Swarm.NewDockerSecretCommand'
        { New-DockerSecret okname -Path /no/such/file -DockerHost $m -ErrorAction Stop } | Should -Throw -ErrorId 'SecretFileNotFound,PSDocker.Commands.Swarm.NewDockerSecretCommand'
    }

    It 'services, then the secret and config, are removed through the pipeline' {
        Get-DockerService $reader -DockerHost $m | Remove-DockerService
        Wait-Until { @(Invoke-Manager service ls -q --filter "name=$reader").Count -eq 0 } 30 'The service gone'
        Wait-Until { Get-DockerSecret $secretName -DockerHost $m | Remove-DockerSecret -ErrorAction SilentlyContinue; @(Invoke-Manager secret ls -q --filter "name=$secretName").Count -eq 0 } 30 'The secret removed'
        Get-DockerConfig $configName -DockerHost $m | Remove-DockerConfig
        @(Invoke-Manager config ls -q --filter "name=$configName").Count | Should -Be 0
    }
}

Describe 'Update-DockerSwarm and Unlock-DockerSwarm' {
    It 'rotates the worker join token: the old one no longer equals the swarm''s' {
        $before = (Get-DockerSwarm -DockerHost $m).JoinTokens.Worker
        $after = (Update-DockerSwarm -RotateWorkerToken -PassThru -DockerHost $m).JoinTokens.Worker
        $after | Should -Not -Be $before
        $after | Should -Be (Invoke-Manager swarm join-token -q worker)
    }

    It 'with autolock on, a restarted manager is locked until Unlock-DockerSwarm gets the key Get-DockerSwarm -UnlockKey gave' {
        (Update-DockerSwarm -Autolock $true -PassThru -DockerHost $m).Autolock | Should -BeTrue
        $key = Get-DockerSwarm -UnlockKey -DockerHost $m
        $key | Should -BeOfType [securestring]
        (ConvertFrom-SecureString $key -AsPlainText) | Should -Be (Invoke-Manager swarm unlock-key -q)
        Stop-PrivateDockerd $swarm.Manager
        Restart-PrivateDockerd $swarm.Manager | Out-Null
        try {
            (Invoke-Manager info --format '{{.Swarm.LocalNodeState}}') | Should -Be 'locked'
            $failure = { Get-DockerService -DockerHost $m -ErrorAction Stop } | Should -Throw -PassThru
            $failure.FullyQualifiedErrorId | Should -BeLike 'SwarmLocked,*'
            $failure = { Unlock-DockerSwarm (ConvertTo-SecureString 'SWMKEY-1-wrong' -AsPlainText -Force) -DockerHost $m -ErrorAction Stop } |
                Should -Throw -ErrorId 'SwarmUnlockKeyInvalid,PSDocker.Commands.Swarm.UnlockDockerSwarmCommand' -PassThru
            $failure.Exception.Message | Should -Not -BeLike '*SWMKEY-1-wrong*'
            Unlock-DockerSwarm $key -DockerHost $m
            (Invoke-Manager info --format '{{.Swarm.LocalNodeState}}') | Should -Be 'active'
            { Unlock-DockerSwarm $key -DockerHost $m -ErrorAction Stop } | Should -Throw -ErrorId 'SwarmNotLocked,PSDocker.Commands.Swarm.UnlockDockerSwarmCommand'
            Update-DockerSwarm -Autolock $false -DockerHost $m
            { Get-DockerSwarm -UnlockKey -DockerHost $m -ErrorAction Stop } | Should -Throw -ErrorId 'SwarmAutolockOff,PSDocker.Commands.Swarm.GetDockerSwarmCommand'
        } finally {
            # Whatever failed above, the later tests get an unlocked manager without autolock.
            if ((& docker -H $m info --format '{{.Swarm.LocalNodeState}}') -eq 'locked') { ConvertFrom-SecureString $key -AsPlainText | & docker -H $m swarm unlock 2>&1 | Out-Null }
            & docker -H $m swarm update --autolock=false 2>&1 | Out-Null
        }
        Wait-Until { (Get-DockerNode $workerId -DockerHost $m).Status -eq 'Ready' } 60 'The worker back with the manager'
    }

    It 'nothing to update is UpdateNothingGiven' {
        { Update-DockerSwarm -DockerHost $m -ErrorAction Stop } | Should -Throw -ErrorId 'UpdateNothingGiven,PSDocker.Commands.Swarm.UpdateDockerSwarmCommand'
    }
}

Describe 'Exit-DockerSwarm and Remove-DockerNode' {
    It 'a manager does not leave without -Force (SwarmManagerLeaveRefused); the worker leaves; then the manager with -Force' {
        Get-DockerService -Label $label -DockerHost $m | Remove-DockerService
        $failure = { Exit-DockerSwarm -DockerHost $m -ErrorAction Stop } | Should -Throw -ErrorId 'SwarmManagerLeaveRefused,PSDocker.Commands.Swarm.ExitDockerSwarmCommand' -PassThru
        $failure.TargetObject | Should -Be $m
        if (-not (Test-Path "/proc/$($swarm.Worker.Pid)")) { throw "The worker's dockerd is gone: $(Get-Content "$($swarm.Worker.Folder)/dockerd.log" -Tail 30 | Out-String)" }
        Remove-DockerNode $workerId -DockerHost $m -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused[0].FullyQualifiedErrorId | Should -Be 'NodeRemoveRefused,PSDocker.Commands.Swarm.RemoveDockerNodeCommand'
        $refused[0].TargetObject | Should -Be $workerId
        Exit-DockerSwarm -DockerHost $w
        (& docker -H $w info --format '{{.Swarm.LocalNodeState}}') | Should -Be 'inactive'
        Wait-Until { (Get-DockerNode $workerId -DockerHost $m).Status -eq 'Down' } 60 'The manager seeing the node that left down'
        Get-DockerNode $workerId -DockerHost $m | Remove-DockerNode
        @(Get-DockerNode -DockerHost $m).Id | Should -Be $managerId
        Exit-DockerSwarm -Force -Confirm:$false -DockerHost $m
        (Invoke-Manager info --format '{{.Swarm.LocalNodeState}}') | Should -Be 'inactive'
        { Exit-DockerSwarm -DockerHost $m -ErrorAction Stop } | Should -Throw -ErrorId 'SwarmNotActive,PSDocker.Commands.Swarm.ExitDockerSwarmCommand'
    }
}
