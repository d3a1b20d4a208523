"""docker-py (the Docker SDK for Python) against barged: what the SDK's own integration tests use most.

Run: DOCKER_HOST=unix:///path.sock BUSYBOX_TAR=/path/busybox.tar /usr/bin/python3 -m unittest -v test_dockerpy
Every test cleans up what it creates (names carry the prefix below).
"""
import io
import ipaddress
import os
import random
import socket
import tarfile
import time
import unittest

import docker
from docker import errors, types

P = 'dpy-'  # prefix of everything the suite creates
IMG = 'busybox:latest'
# networks get subnets of their own (10.252.x.0/24), apart from other daemons' on this host
_OCTETS = random.sample(range(256), 32)


def subnet_ipam():
    octet = _OCTETS.pop()
    return types.IPAMConfig(pool_configs=[types.IPAMPool(subnet='10.252.%d.0/24' % octet,
                                                         gateway='10.252.%d.1' % octet)])


def client():
    return docker.DockerClient(base_url=os.environ['DOCKER_HOST'], version='auto', timeout=60)


def api():
    return docker.APIClient(base_url=os.environ['DOCKER_HOST'], version='auto', timeout=60)


def drain(sock):
    data = b''
    while True:
        chunk = sock.recv(4096)
        if not chunk:
            return data
        data += chunk


class Base(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = client()
        cls.api = cls.client.api
        try:
            cls.client.images.get(IMG)
        except errors.ImageNotFound:
            with open(os.environ['BUSYBOX_TAR'], 'rb') as f:
                cls.client.images.load(f.read())

    def setUp(self):
        self.containers, self.networks, self.volumes, self.images = [], [], [], []

    def tearDown(self):
        for c in self.containers:
            try:
                self.api.remove_container(c, force=True, v=True)
            except errors.NotFound:
                pass
        for n in self.networks:
            try:
                self.api.remove_network(n)
            except errors.NotFound:
                pass
        for v in self.volumes:
            try:
                self.api.remove_volume(v, force=True)
            except errors.NotFound:
                pass
        for i in self.images:
            try:
                self.api.remove_image(i, force=True)
            except errors.NotFound:
                pass

    def run_detached(self, cmd='sleep 300', **kw):
        c = self.client.containers.run(IMG, cmd, detach=True, **kw)
        self.containers.append(c.id)
        return c

    def create(self, cmd='true', **kw):
        c = self.client.containers.create(IMG, cmd, **kw)
        self.containers.append(c.id)
        return c


class SystemTest(Base):
    def test_ping(self):
        self.assertTrue(self.client.ping())

    def test_version(self):
        v = self.client.version()
        for k in ('ApiVersion', 'Version', 'Os', 'Arch', 'KernelVersion', 'MinAPIVersion', 'Components'):
            self.assertIn(k, v)
        self.assertEqual('linux', v['Os'])

    def test_info(self):
        i = self.client.info()
        for k in ('Containers', 'Images', 'Driver', 'DockerRootDir', 'NCPU', 'MemTotal', 'ID', 'Name',
                  'ServerVersion', 'Swarm', 'Runtimes', 'DefaultRuntime', 'OperatingSystem'):
            self.assertIn(k, i)

    def test_df(self):
        d = self.client.df()
        for k in ('LayersSize', 'Images', 'Containers', 'Volumes'):
            self.assertIn(k, d)

    def test_events_with_filters_and_until(self):
        since = int(time.time()) - 1
        c = self.create()
        self.api.remove_container(c.id)
        until = int(time.time()) + 1
        evs = list(self.client.events(since=since, until=until, decode=True,
                                      filters={'type': 'container', 'container': c.id}))
        actions = [e['Action'] for e in evs]
        self.assertIn('create', actions)
        self.assertIn('destroy', actions)
        for e in evs:
            self.assertEqual('container', e['Type'])
            self.assertEqual(c.id, e['id'])
            self.assertEqual(c.id, e['Actor']['ID'])
            self.assertIn('time', e)
            self.assertIn('timeNano', e)
            self.assertEqual('local', e['scope'])
        only_create = list(self.client.events(since=since, until=until, decode=True,
                                              filters={'event': 'create', 'container': c.id}))
        self.assertEqual(['create'], [e['Action'] for e in only_create])

    def test_events_stream_live(self):
        evs = self.client.events(decode=True, filters={'type': 'container', 'event': 'create'})
        c = self.create()
        e = next(evs)
        evs.close()
        self.assertEqual(c.id, e['id'])
        self.assertEqual('create', e['status'])


class ImageTest(Base):
    def test_list_and_get(self):
        imgs = self.client.images.list()
        self.assertTrue(any(IMG in i.tags for i in imgs))
        img = self.client.images.get(IMG)
        self.assertTrue(img.id.startswith('sha256:'))
        self.assertIn(IMG, img.tags)
        self.assertTrue(self.client.images.list(name='busybox'))
        self.assertTrue(self.api.images(quiet=True))

    def build(self, dockerfile, tag, **kw):
        self.images.append(tag)
        # rm=True as the docker CLI sends it (docker-py's default keeps every step's container)
        return list(self.api.build(fileobj=io.BytesIO(dockerfile.encode()), tag=tag, decode=True, rm=True, **kw))

    def test_build_paints_a_steps_stderr_red(self):
        out = self.build('FROM busybox\nRUN sh -c "echo to-err >&2; echo to-out"\n', P + 'stderr:1', nocache=True)
        streams = [c.get('stream') for c in out]
        self.assertIn('\x1b[91mto-err\n\x1b[0m', streams)
        self.assertIn('to-out\n', streams)

    def test_build_cache_from_limits_the_cache_to_those_images(self):
        dockerfile = 'FROM busybox\nENV FOO=bar\nRUN touch /baz\n'
        self.build(dockerfile, P + 'cachesrc:1')
        cached = lambda out: sum('Using cache' in c.get('stream', '') for c in out)
        self.assertEqual(2, cached(self.build(dockerfile, P + 'cachesrc:2', cache_from=[P + 'cachesrc:1'])))
        self.assertEqual(0, cached(self.build(dockerfile, P + 'cachesrc:3', cache_from=[P + 'nosuchimage'])))
        self.assertEqual(2, cached(self.build(dockerfile, P + 'cachesrc:4')))

    def test_build_extra_hosts_reach_run(self):
        out = self.build('FROM busybox\nRUN grep -E "a[.]test|b[.]test" /etc/hosts\n', P + 'hosts:1', nocache=True,
                         extra_hosts={'a.test': '127.0.0.1', 'b.test': '10.0.0.2'})
        text = ''.join(c.get('stream', '') for c in out)
        self.assertIn('127.0.0.1\ta.test', text)
        self.assertIn('10.0.0.2\tb.test', text)

    def test_tag_and_remove(self):
        img = self.client.images.get(IMG)
        self.assertTrue(img.tag(P + 'tagged', 'v1'))
        self.images.append(P + 'tagged:v1')
        self.assertIn(P + 'tagged:v1', self.client.images.get(P + 'tagged:v1').tags)
        self.client.images.remove(P + 'tagged:v1')
        with self.assertRaises(errors.ImageNotFound):
            self.client.images.get(P + 'tagged:v1')

    def test_history(self):
        h = self.client.images.get(IMG).history()
        self.assertTrue(h)
        for k in ('Id', 'Created', 'CreatedBy', 'Size', 'Tags'):
            self.assertIn(k, h[0])

    def test_save_and_load(self):
        img = self.client.images.get(IMG)
        data = b''.join(img.save(named=True))
        with tarfile.open(fileobj=io.BytesIO(data)) as t:
            self.assertIn('manifest.json', t.getnames())
        loaded = self.client.images.load(data)
        self.assertEqual(img.id, loaded[0].id)

    def test_inspect_missing_image_is_image_not_found(self):
        with self.assertRaises(errors.ImageNotFound) as cm:
            self.client.images.get('nosuch-image:latest')
        self.assertEqual(404, cm.exception.status_code)

    def test_remove_missing_image_is_image_not_found(self):
        with self.assertRaises(errors.ImageNotFound):
            self.client.images.remove('nosuch-image:latest')

    def test_run_missing_image_without_pull_is_image_not_found(self):
        with self.assertRaises(errors.ImageNotFound):
            self.api.create_container('nosuch-image:latest', 'true')

    def test_pull_from_a_registry_out_of_reach_is_500_in_gos_words(self):
        with socket.socket() as s:  # a loopback port nobody listens on
            s.bind(('127.0.0.1', 0))
            port = s.getsockname()[1]
        with self.assertRaises(errors.APIError) as cm:
            self.api.pull('127.0.0.1:%d/%snope' % (port, P), tag='v1')
        self.assertEqual(500, cm.exception.status_code)
        self.assertEqual('Get "http://127.0.0.1:%d/v2/": dial tcp 127.0.0.1:%d: connect: connection refused' % (port, port),
                         cm.exception.explanation)

    def test_prune_images(self):
        r = self.client.images.prune(filters={'dangling': True})
        self.assertIn('SpaceReclaimed', r)

    def test_commit(self):
        c = self.create('touch /committed')
        c.start()
        self.assertEqual(0, c.wait(timeout=30)['StatusCode'])
        img = c.commit(P + 'committed', 'v1', message='msg', author='me', changes=['ENV X=1'],
                       conf={'Labels': {'k': 'v'}})
        self.images.append(P + 'committed:v1')
        attrs = self.api.inspect_image(img.id)
        self.assertEqual('me', attrs['Author'])
        self.assertIn('X=1', attrs['Config']['Env'])
        self.assertEqual('v', attrs['Config']['Labels']['k'])
        old = docker.APIClient(base_url=os.environ['DOCKER_HOST'], version='1.41', timeout=60)
        legacy = old.inspect_image(img.id)  # docker-py 5's default API version still sees the container fields
        self.assertTrue(legacy['Container'].startswith(c.id))
        self.assertEqual(IMG, legacy['ContainerConfig']['Image'])
        self.assertNotIn('ContainerConfig', attrs)
        out = self.client.containers.run(P + 'committed:v1', 'ls /committed', remove=True)
        self.assertEqual(b'/committed\n', out)


class ContainerTest(Base):
    def test_run_with_output(self):
        self.assertEqual(b'hello\n', self.client.containers.run(IMG, 'echo hello', remove=True))

    def test_log_config_none_refuses_logs_and_run_returns_none(self):
        self.assertIsNone(self.client.containers.run(IMG, 'echo hello', log_config={'type': 'none'}, remove=True))
        c = self.create('true', log_config={'type': 'none'}, isolation='default')
        hc = self.api.inspect_container(c.id)['HostConfig']
        self.assertEqual({'Type': 'none', 'Config': {}}, hc['LogConfig'])
        self.assertEqual('default', hc['Isolation'])
        with self.assertRaises(errors.APIError) as cm:
            c.logs()
        self.assertEqual(501, cm.exception.status_code)
        self.assertEqual('json-file', self.api.inspect_container(self.create().id)['HostConfig']['LogConfig']['Type'])

    def test_run_stderr(self):
        out = self.client.containers.run(IMG, 'sh -c "echo out; echo err >&2"', remove=True, stderr=True, stdout=False)
        self.assertEqual(b'err\n', out)

    def test_run_failing_raises_container_error(self):
        with self.assertRaises(errors.ContainerError) as cm:
            self.client.containers.run(IMG, 'sh -c "echo bad >&2; exit 3"', remove=True)
        self.assertEqual(3, cm.exception.exit_status)
        self.assertIn(b'bad', cm.exception.stderr)

    def test_run_detached_and_reload(self):
        c = self.run_detached(name=P + 'detached', labels={'a': 'b'})
        c.reload()
        self.assertEqual('running', c.status)
        self.assertEqual(P + 'detached', c.name)
        self.assertEqual({'a': 'b'}, c.labels)
        self.assertEqual(IMG, c.image.tags[0] if c.image.tags else IMG)
        self.assertEqual(c.id, self.client.containers.get(P + 'detached').id)

    def test_lifecycle(self):
        c = self.create('sleep 300', name=P + 'life')
        self.assertEqual('created', c.status)
        c.start()
        c.reload()
        self.assertEqual('running', c.status)
        c.stop(timeout=1)
        c.reload()
        self.assertEqual('exited', c.status)
        c.restart(timeout=1)
        c.reload()
        self.assertEqual('running', c.status)
        c.kill()
        self.assertEqual(137, c.wait(timeout=30)['StatusCode'])
        c.start()
        c.kill(signal=9)
        c.wait(timeout=30)
        c.remove()
        with self.assertRaises(errors.NotFound):
            c.reload()

    def test_wait_status_code_and_condition(self):
        c = self.create('sh -c "exit 42"')
        c.start()
        r = c.wait(timeout=30)
        self.assertEqual(42, r['StatusCode'])
        self.assertEqual(42, self.api.wait(c.id, timeout=30, condition='not-running')['StatusCode'])

    def test_wait_timeout_raises(self):
        import requests
        c = self.run_detached()
        with self.assertRaises((requests.exceptions.ReadTimeout, requests.exceptions.ConnectionError)):
            c.wait(timeout=1)

    def test_logs(self):
        c = self.create('sh -c "echo one; echo two >&2"')
        c.start()
        c.wait(timeout=30)
        self.assertEqual(b'one\ntwo\n', c.logs())
        self.assertEqual(b'one\n', c.logs(stderr=False))
        self.assertEqual(b'two\n', c.logs(stdout=False))
        self.assertEqual(b'two\n', c.logs(tail=1))
        ts = c.logs(timestamps=True).decode().splitlines()
        self.assertTrue(ts[0].endswith(' one'), ts)
        self.assertEqual(b'', c.logs(since=int(time.time()) + 10))

    def test_logs_stream_follow(self):
        c = self.run_detached('sh -c "for i in 1 2 3; do echo $i; sleep 0.2; done"')
        out = b''.join(c.logs(stream=True, follow=True))
        self.assertEqual(b'1\n2\n3\n', out)

    def test_logs_tty(self):
        c = self.create('echo tty', tty=True)
        c.start()
        c.wait(timeout=30)
        self.assertEqual(b'tty\r\n', c.logs())

    def test_attach_stream(self):
        c = self.create('sh -c "sleep 0.5; echo attached"')
        stream = c.attach(stream=True, logs=True)
        c.start()
        self.assertEqual(b'attached\n', b''.join(stream))

    def test_attach_socket_stdin(self):
        c = self.create('cat', stdin_open=True)
        c.start()
        sock = self.api.attach_socket(c.id, params={'stdin': 1, 'stdout': 1, 'stream': 1})
        raw = sock._sock
        raw.sendall(b'hello socket\n')
        raw.settimeout(10)
        data = b''
        while b'hello socket' not in data:
            chunk = raw.recv(4096)
            if not chunk:
                break
            data += chunk
        raw.close()
        self.assertEqual(b'\x01\x00\x00\x00', data[:4])
        self.assertIn(b'hello socket\n', data)

    def test_exec_run(self):
        c = self.run_detached()
        r = c.exec_run('sh -c "echo out; echo err >&2; exit 3"')
        self.assertEqual(3, r.exit_code)
        self.assertEqual(b'out\nerr\n', r.output)
        r = c.exec_run('sh -c "echo out; echo err >&2"', demux=True)
        self.assertEqual((b'out\n', b'err\n'), r.output)
        r = c.exec_run('sh -c "echo $FOO"', environment={'FOO': 'bar'})
        self.assertEqual(b'bar\n', r.output)
        r = c.exec_run('pwd', workdir='/tmp')
        self.assertEqual(b'/tmp\n', r.output)
        r = c.exec_run('id -u', user='nobody')
        self.assertEqual(b'65534\n', r.output)
        r = c.exec_run('sh -c "echo a; sleep 0.2; echo b"', stream=True)
        self.assertIsNone(r.exit_code)
        self.assertEqual(b'a\nb\n', b''.join(r.output))
        r = c.exec_run('echo tty', tty=True)
        self.assertEqual(b'tty\r\n', r.output)
        r = c.exec_run('sh -c "echo out; echo err >&2"', stdout=False)
        self.assertEqual(b'err\n', r.output)

    def test_exec_low_level(self):
        c = self.run_detached()
        e = self.api.exec_create(c.id, 'sh -c "exit 7"')
        self.api.exec_start(e['Id'])
        info = self.api.exec_inspect(e['Id'])
        self.assertEqual(7, info['ExitCode'])
        self.assertFalse(info['Running'])
        self.assertEqual(c.id, info['ContainerID'])
        for k in ('ProcessConfig', 'OpenStdin', 'OpenStderr', 'OpenStdout', 'Pid', 'ID'):
            self.assertIn(k, info)
        e = self.api.exec_create(c.id, 'cat', stdin=True)
        sock = self.api.exec_start(e['Id'], socket=True)
        sock._sock.sendall(b'via exec\n')
        sock._sock.shutdown(socket.SHUT_WR)
        sock._sock.settimeout(10)
        data = b''
        while True:
            chunk = sock._sock.recv(4096)
            if not chunk:
                break
            data += chunk
        sock._sock.close()
        self.assertIn(b'via exec\n', data)
        e = self.api.exec_create(c.id, 'sleep 300')
        self.api.exec_start(e['Id'], detach=True)
        time.sleep(0.3)
        self.assertTrue(self.api.exec_inspect(e['Id'])['Running'])

    def test_detach_keys_end_attach_and_exec_streams(self):
        c = self.run_detached('cat', stdin_open=True, tty=True)
        for params, keys in (({}, b'\x10\x11'), ({'detachKeys': 'ctrl-x'}, b'\x18')):
            params.update({'stdin': 1, 'stdout': 1, 'stream': 1})
            sock = self.api.attach_socket(c.id, params)._sock
            sock.settimeout(10)
            sock.sendall(keys)
            self.assertEqual(b'', drain(sock))
            sock.close()
        e = self.api.exec_create(c.id, 'cat', stdin=True, tty=True, detach_keys='ctrl-x')
        sock = self.api.exec_start(e['Id'], socket=True, tty=True)._sock
        sock.settimeout(10)
        sock.sendall(b'\x18')
        self.assertEqual(b'', drain(sock))
        sock.close()
        self.assertTrue(self.api.exec_inspect(e['Id'])['Running'])
        self.assertEqual('ctrl-x', self.api.exec_inspect(e['Id'])['DetachKeys'])
        c.reload()
        self.assertEqual('running', c.status)

    def test_exec_on_stopped_container_is_conflict(self):
        c = self.create()
        with self.assertRaises(errors.APIError) as cm:
            c.exec_run('true')
        self.assertEqual(409, cm.exception.status_code)

    def test_archive(self):
        c = self.run_detached()
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode='w') as t:
            data = b'archived\n'
            ti = tarfile.TarInfo('a.txt')
            ti.size = len(data)
            ti.mode = 0o644
            t.addfile(ti, io.BytesIO(data))
        self.assertTrue(c.put_archive('/tmp', buf.getvalue()))
        self.assertEqual(b'archived\n', c.exec_run('cat /tmp/a.txt').output)
        bits, stat = c.get_archive('/tmp/a.txt')
        self.assertEqual('a.txt', stat['name'])
        self.assertEqual(9, stat['size'])
        for k in ('mode', 'mtime', 'linkTarget'):
            self.assertIn(k, stat)
        with tarfile.open(fileobj=io.BytesIO(b''.join(bits))) as t:
            self.assertEqual(b'archived\n', t.extractfile('a.txt').read())
        with self.assertRaises(errors.NotFound):
            c.get_archive('/nonexistent')
        with self.assertRaises(errors.NotFound):
            c.put_archive('/nonexistent', buf.getvalue())

    def test_top_diff_stats(self):
        c = self.run_detached()
        top = c.top()
        self.assertIn('Titles', top)
        self.assertIn('PID', top['Titles'])
        self.assertTrue(any('sleep' in ' '.join(p) for p in top['Processes']))
        top = c.top(ps_args='-o pid,comm')
        c.exec_run('touch /tmp/new')
        diff = c.diff()
        self.assertIn({'Path': '/tmp/new', 'Kind': 1}, diff)
        s = c.stats(stream=False)
        for k in ('read', 'preread', 'cpu_stats', 'precpu_stats', 'memory_stats', 'pids_stats', 'name', 'id'):
            self.assertIn(k, s)
        self.assertIn('cpu_usage', s['cpu_stats'])
        self.assertIn('total_usage', s['cpu_stats']['cpu_usage'])
        stream = c.stats(decode=True)
        first = next(stream)
        second = next(stream)
        stream.close()
        self.assertIn('cpu_stats', second)

    def test_rename(self):
        c = self.create(name=P + 'old')
        c.rename(P + 'new')
        c.reload()
        self.assertEqual(P + 'new', c.name)
        with self.assertRaises(errors.NotFound):
            self.client.containers.get(P + 'old')

    def test_update(self):
        c = self.run_detached()
        r = c.update(mem_limit='64m', memswap_limit='128m', cpu_shares=512, restart_policy={'Name': 'on-failure', 'MaximumRetryCount': 2})
        self.assertIn('Warnings', r)
        hc = self.api.inspect_container(c.id)['HostConfig']
        self.assertEqual(64 * 1024 * 1024, hc['Memory'])
        self.assertEqual(512, hc['CpuShares'])
        self.assertEqual('on-failure', hc['RestartPolicy']['Name'])
        self.assertEqual(2, hc['RestartPolicy']['MaximumRetryCount'])

    def test_pause_unpause(self):
        c = self.run_detached()
        c.pause()
        c.reload()
        self.assertEqual('paused', c.status)
        self.assertTrue(c.attrs['State']['Paused'])
        c.unpause()
        c.reload()
        self.assertEqual('running', c.status)

    def test_list_with_filters(self):
        a = self.run_detached(labels={P + 'l': 'a'}, name=P + 'fa')
        b = self.create(labels={P + 'l': 'b'}, name=P + 'fb')
        ids = lambda cs: sorted(c.id for c in cs)
        self.assertEqual([a.id], ids(self.client.containers.list(filters={'label': P + 'l'})))
        self.assertEqual(sorted([a.id, b.id]), ids(self.client.containers.list(all=True, filters={'label': P + 'l'})))
        self.assertEqual([b.id], ids(self.client.containers.list(all=True, filters={'label': P + 'l=b'})))
        self.assertEqual([b.id], ids(self.client.containers.list(all=True, filters={'name': P + 'fb'})))
        self.assertEqual([b.id], ids(self.client.containers.list(all=True, filters={'status': 'created', 'label': P + 'l'})))
        self.assertEqual([a.id], ids(self.client.containers.list(filters={'id': a.id[:12]})))
        low = self.api.containers(all=True, filters={'label': P + 'l=a'})
        self.assertEqual(1, len(low))
        for k in ('Id', 'Names', 'Image', 'ImageID', 'Command', 'Created', 'State', 'Status', 'Ports', 'Labels',
                  'HostConfig', 'NetworkSettings', 'Mounts'):
            self.assertIn(k, low[0])
        self.assertEqual(['/' + P + 'fa'], low[0]['Names'])
        self.assertEqual([a.id], [c['Id'] for c in self.api.containers(quiet=True, filters={'label': P + 'l=a'})])
        self.assertEqual(1, len(self.api.containers(all=True, limit=1)))
        sized = self.api.containers(all=True, size=True, filters={'label': P + 'l=a'})[0]
        self.assertGreater(sized['SizeRootFs'], 0)
        self.assertGreaterEqual(sized['SizeRootFs'], sized['SizeRw'])
        self.assertNotIn('SizeRw', low[0])

    def test_port_bindings(self):
        udp = random.randint(20000, 29999)
        c = self.run_detached('nc -ll -p 8080 -e echo hi', ports={'8080/tcp': ('127.0.0.1', None), '9090/udp': udp})
        c.reload()
        ports = c.attrs['NetworkSettings']['Ports']
        self.assertEqual('127.0.0.1', ports['8080/tcp'][0]['HostIp'])
        host_port = int(ports['8080/tcp'][0]['HostPort'])
        self.assertEqual(str(udp), ports['9090/udp'][0]['HostPort'])
        self.assertEqual({'HostIp': '127.0.0.1', 'HostPort': str(host_port)}, self.api.port(c.id, 8080)[0])
        self.assertEqual(c.ports, ports)
        hc = c.attrs['HostConfig']['PortBindings']
        self.assertEqual([{'HostIp': '127.0.0.1', 'HostPort': ''}], hc['8080/tcp'])
        listed = self.api.containers(filters={'id': c.id})[0]['Ports']
        self.assertIn({'IP': '127.0.0.1', 'PrivatePort': 8080, 'PublicPort': host_port, 'Type': 'tcp'}, listed)
        data = b''
        for _ in range(50):
            try:
                with socket.create_connection(('127.0.0.1', host_port), timeout=5) as s:
                    data = s.recv(100)
                if data:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        self.assertEqual(b'hi\n', data)

    def test_restart_policy(self):
        c = self.run_detached('sh -c "exit 1"', restart_policy={'Name': 'on-failure', 'MaximumRetryCount': 2})
        deadline = time.time() + 30
        while time.time() < deadline:
            c.reload()
            if c.attrs['RestartCount'] == 2 and c.status == 'exited':
                break
            time.sleep(0.2)
        self.assertEqual(2, c.attrs['RestartCount'])
        self.assertEqual({'Name': 'on-failure', 'MaximumRetryCount': 2}, c.attrs['HostConfig']['RestartPolicy'])

    def test_healthcheck_round_trip_and_status(self):
        hc = {'test': ['CMD-SHELL', 'true'], 'interval': 200_000_000, 'timeout': 1_000_000_000, 'retries': 2,
              'start_period': 100_000_000}
        c = self.run_detached(healthcheck=hc)
        cfg = self.api.inspect_container(c.id)['Config']['Healthcheck']
        self.assertEqual({'Test': ['CMD-SHELL', 'true'], 'Interval': 200_000_000, 'Timeout': 1_000_000_000,
                          'Retries': 2, 'StartPeriod': 100_000_000}, cfg)
        deadline = time.time() + 30
        status = None
        while time.time() < deadline:
            state = self.api.inspect_container(c.id)['State']
            status = state.get('Health', {}).get('Status')
            if status == 'healthy':
                break
            time.sleep(0.2)
        self.assertEqual('healthy', status)
        health = self.api.inspect_container(c.id)['State']['Health']
        self.assertEqual(0, health['FailingStreak'])
        self.assertTrue(health['Log'])
        for k in ('Start', 'End', 'ExitCode', 'Output'):
            self.assertIn(k, health['Log'][0])
        self.assertEqual(1, len(self.client.containers.list(filters={'health': 'healthy', 'id': c.id})))

    def test_attach_and_exec_output_is_never_lost(self):
        # docker-py reads the 101 head through a buffer, then the raw socket: output that arrived
        # with the head used to vanish now and then (docker-py issue 3332), so try it many times
        for _ in range(20):
            c = self.create('echo hello')
            c.start()
            self.api.wait(c.id, condition='not-running')
            self.assertEqual(b'hello\n', self.api.attach(c.id, stream=False, logs=True))
        runner = self.run_detached()
        for _ in range(20):
            self.assertEqual(b'hello\n', runner.exec_run('echo hello').output)
            self.assertEqual(b'hello\r\n', runner.exec_run('echo hello', tty=True).output)

    def test_an_isolation_other_than_default_is_refused(self):
        with self.assertRaises(errors.APIError) as cm:
            self.api.create_container(
                IMG, 'true', host_config=self.api.create_host_config(isolation='foobar'))
        self.assertEqual(400, cm.exception.status_code)
        self.assertIn('Invalid isolation: "foobar" - linux only supports \'default\'', str(cm.exception))

    def test_exec_start_failures_speak_as_dockerd(self):
        c = self.run_detached()
        e = self.api.exec_create(c.id, 'whoami', user='ghost')
        self.assertEqual(b'unable to find user ghost: no matching entries in passwd file\r\n',
                         self.api.exec_start(e['Id'], tty=True))
        self.assertEqual(126, self.api.exec_inspect(e['Id'])['ExitCode'])
        e = self.api.exec_create(c.id, 'pwd', workdir='/no/such/dir')
        out = self.api.exec_start(e['Id'], tty=True)
        self.assertTrue(out.startswith(b'OCI runtime exec failed: '), out)
        self.assertIn(b'chdir to cwd ("/no/such/dir") set in config.json failed: no such file or directory', out)
        self.assertEqual(127, self.api.exec_inspect(e['Id'])['ExitCode'])

    def test_a_tty_exec_started_without_tty_comes_framed(self):
        # dockerd frames by the start request's Tty, not the exec's: docker-py starts with Tty false
        c = self.run_detached()
        e = self.api.exec_create(c.id, 'sh -c "echo out; sleep 0.2; echo err >&2"', tty=True)
        self.assertEqual(b'out\r\nerr\r\n', self.api.exec_start(e['Id']))
        e = self.api.exec_create(c.id, ['printf', 'raw'], tty=True)
        self.assertEqual(b'raw', self.api.exec_start(e['Id'], tty=True))

    def test_healthcheck_leaves_out_zero_fields(self):
        c = self.run_detached(healthcheck={'test': ['CMD', 'true'], 'interval': 1_000_000_000})
        cfg = self.api.inspect_container(c.id)['Config']['Healthcheck']
        self.assertEqual({'Test': ['CMD', 'true'], 'Interval': 1_000_000_000}, cfg)

    def test_failing_healthcheck_turns_unhealthy_with_an_event(self):
        since = int(time.time()) - 1
        c = self.run_detached(healthcheck={'test': ['CMD', 'sh', '-c', 'echo sick; exit 1'], 'interval': 200_000_000,
                                           'retries': 2})
        deadline = time.time() + 30
        health = {}
        while time.time() < deadline:
            health = self.api.inspect_container(c.id)['State'].get('Health', {})
            if health.get('Status') == 'unhealthy':
                break
            time.sleep(0.2)
        self.assertEqual('unhealthy', health.get('Status'))
        self.assertGreaterEqual(health['FailingStreak'], 2)
        self.assertEqual(1, health['Log'][-1]['ExitCode'])
        self.assertEqual('sick\n', health['Log'][-1]['Output'])
        self.assertIn('(unhealthy)', self.api.containers(filters={'id': c.id})[0]['Status'])
        evs = list(self.client.events(since=since, until=int(time.time()) + 1, decode=True,
                                      filters={'container': c.id, 'event': 'health_status'}))
        self.assertIn('health_status: unhealthy', [e['Action'] for e in evs])

    def test_label_filters_must_all_match(self):
        a = self.create(labels={P + 'x': '1', P + 'y': '2'})
        self.create(labels={P + 'x': '1'})
        found = self.api.containers(all=True, filters={'label': [P + 'x=1', P + 'y=2']})
        self.assertEqual([a.id], [c['Id'] for c in found])

    def test_low_level_create_with_host_config(self):
        vol = P + 'hcvol'
        self.volumes.append(vol)
        hc = self.api.create_host_config(binds={vol: {'bind': '/data', 'mode': 'rw'}}, mem_limit='32m',
                                         privileged=False, cap_add=['NET_ADMIN'], dns=['8.8.8.8'],
                                         extra_hosts={'myhost': '1.2.3.4'}, tmpfs={'/scratch': 'size=1m'},
                                         ulimits=[types.Ulimit(name='nofile', soft=1024, hard=2048)],
                                         read_only=False, shm_size='8m', init=True, auto_remove=False)
        r = self.api.create_container(IMG, 'sh -c "cat /etc/hosts; ulimit -n; ls -d /data /scratch"',
                                      host_config=hc, environment={'A': '1'}, working_dir='/tmp',
                                      hostname='hc-host', labels=['x'], user='0', entrypoint=None,
                                      name=P + 'hc')
        self.containers.append(r['Id'])
        self.assertIn('Warnings', r)
        self.api.start(r['Id'])
        self.assertEqual(0, self.api.wait(r['Id'], timeout=30)['StatusCode'])
        out = self.api.logs(r['Id']).decode()
        self.assertIn('1.2.3.4\tmyhost', out)
        self.assertIn('1024', out)
        self.assertIn('/scratch', out)
        a = self.api.inspect_container(r['Id'])
        self.assertEqual(['8.8.8.8'], a['HostConfig']['Dns'])
        self.assertEqual(['NET_ADMIN'], a['HostConfig']['CapAdd'])
        self.assertEqual(['myhost:1.2.3.4'], a['HostConfig']['ExtraHosts'])
        self.assertEqual(8 * 1024 * 1024, a['HostConfig']['ShmSize'])
        self.assertTrue(a['HostConfig']['Init'])
        self.assertEqual({'x': ''}, a['Config']['Labels'])
        self.assertEqual('hc-host', a['Config']['Hostname'])
        self.assertEqual('/tmp', a['Config']['WorkingDir'])
        self.assertIn('A=1', a['Config']['Env'])
        m = [m for m in a['Mounts'] if m['Destination'] == '/data'][0]
        self.assertEqual('volume', m['Type'])
        self.assertEqual(vol, m['Name'])
        self.assertTrue(m['RW'])

    def test_create_duplicate_name_is_conflict(self):
        self.create(name=P + 'dup')
        with self.assertRaises(errors.APIError) as cm:
            self.create(name=P + 'dup')
        self.assertEqual(409, cm.exception.status_code)
        self.assertIn('Conflict', str(cm.exception))

    def test_missing_container_errors(self):
        with self.assertRaises(errors.NotFound) as cm:
            self.client.containers.get('nosuch-container')
        self.assertEqual(404, cm.exception.status_code)
        self.assertIn('No such container: nosuch-container', cm.exception.explanation)
        with self.assertRaises(errors.NotFound):
            self.api.start('nosuch-container')
        with self.assertRaises(errors.NotFound):
            self.api.remove_container('nosuch-container')

    def test_remove_running_without_force_is_conflict(self):
        c = self.run_detached()
        with self.assertRaises(errors.APIError) as cm:
            c.remove()
        self.assertEqual(409, cm.exception.status_code)
        c.remove(force=True)

    def test_start_twice_is_not_modified(self):
        c = self.run_detached()
        self.api.start(c.id)  # 304: the SDK treats it as success
        c.stop(timeout=0)
        self.api.stop(c.id)

    def test_prune_containers(self):
        c = self.create(labels={P + 'prune': '1'})
        r = self.client.containers.prune(filters={'label': P + 'prune'})
        self.assertIn(c.id, r['ContainersDeleted'])
        self.assertIn('SpaceReclaimed', r)

    def test_export(self):
        c = self.create()
        data = b''.join(c.export())
        with tarfile.open(fileobj=io.BytesIO(data)) as t:
            self.assertIn('bin/busybox', t.getnames())

    def test_resize_and_tty(self):
        c = self.run_detached(tty=True, stdin_open=True)
        c.resize(40, 100)

    def test_run_with_auto_remove(self):
        c = self.client.containers.run(IMG, 'true', detach=True, auto_remove=True)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                c.reload()
            except errors.NotFound:
                return
            time.sleep(0.1)
        self.fail('auto-removed container still there')


    def test_cgroupns_and_device_cgroup_rules(self):
        rule = 'c 7:128 rwm'
        hc = self.api.create_host_config(device_cgroup_rules=[rule])
        hc['CgroupnsMode'] = 'private'
        r = self.api.create_container(IMG, 'sh -c "readlink /proc/self/ns/cgroup; '
                                      'cat /sys/fs/cgroup/devices/devices.list 2>/dev/null"', host_config=hc)
        self.containers.append(r['Id'])
        a = self.api.inspect_container(r['Id'])
        self.assertEqual('private', a['HostConfig']['CgroupnsMode'])
        self.assertEqual([rule], a['HostConfig']['DeviceCgroupRules'])
        self.api.start(r['Id'])
        self.assertEqual(0, self.api.wait(r['Id'], timeout=30)['StatusCode'])
        out = self.api.logs(r['Id']).decode()
        self.assertNotIn(os.readlink('/proc/self/ns/cgroup'), out)  # a cgroup namespace of its own
        if os.path.isdir('/sys/fs/cgroup/devices'):  # cgroup v1: the rule is in the container's device cgroup
            self.assertIn(rule, out)
        # the default is Docker's: host on cgroup v1 and hybrid hosts, private on unified ones
        d = self.create()
        unified = os.path.exists('/sys/fs/cgroup/cgroup.controllers')
        self.assertEqual('private' if unified else 'host', self.api.inspect_container(d.id)['HostConfig']['CgroupnsMode'])
        bad = self.api.create_host_config()
        bad['CgroupnsMode'] = 'bogus'
        with self.assertRaises(errors.APIError) as cm:
            self.api.create_container(IMG, 'true', host_config=bad)
        self.assertEqual(400, cm.exception.status_code)
        self.assertIn('invalid cgroup namespace mode: bogus', cm.exception.explanation)
        b = self.create(device_cgroup_rules=['c 7:128 rwx'])
        with self.assertRaises(errors.APIError) as cm:
            b.start()
        self.assertIn("invalid device cgroup rule format: 'c 7:128 rwx'", cm.exception.explanation)

    def test_links_give_variables_and_can_be_removed(self):
        target = self.client.containers.run(IMG, 'sleep 300', detach=True, environment={'FOO': '1'},
                                            ports={'80/tcp': None, '81/tcp': None}, publish_all_ports=False)
        self.containers.append(target.id)
        ip = self.api.inspect_container(target.id)['NetworkSettings']['Networks']['bridge']['IPAddress']
        parent = P + 'linker%06x' % random.getrandbits(24)
        r = self.api.create_container(IMG, 'env', name=parent, environment={'DB_ENV_FOO': 'own'},
                                      host_config=self.api.create_host_config(links={target.name: 'db'}))
        self.containers.append(r['Id'])
        self.api.start(r['Id'])
        self.assertEqual(0, self.api.wait(r['Id'], timeout=30)['StatusCode'])
        env = self.api.logs(r['Id']).decode().splitlines()
        self.assertIn('DB_NAME=/%s/db' % parent, env)
        self.assertIn('DB_ENV_FOO=own', env)  # the container's own variables win
        self.assertNotIn('DB_ENV_FOO=1', env)
        self.assertIn('DB_PORT=tcp://%s:80' % ip, env)
        self.assertIn('DB_PORT_81_TCP_ADDR=%s' % ip, env)
        self.assertIn('DB_PORT_80_TCP_START=tcp://%s:80' % ip, env)
        self.assertIn('DB_PORT_80_TCP_PORT_END=81', env)
        self.assertFalse([e for e in env if e.startswith('DB_ENV_PATH=') or e.startswith('DB_ENV_HOME=')])
        self.assertEqual(['/%s:/%s/db' % (target.name, parent)], self.api.inspect_container(r['Id'])['HostConfig']['Links'])
        with self.assertRaises(errors.NotFound):
            self.api.remove_container(parent + '/nosuch', link=True)
        self.api.remove_container(parent + '/db', link=True)
        self.assertIsNone(self.api.inspect_container(r['Id'])['HostConfig']['Links'])
        self.assertEqual(2, len([c for c in self.api.containers(all=True) if c['Id'] in (target.id, r['Id'])]))
        self.api.start(r['Id'])
        self.assertEqual(0, self.api.wait(r['Id'], timeout=30)['StatusCode'])
        logs = self.api.logs(r['Id']).decode()
        self.assertEqual(2, logs.count('DB_ENV_FOO=own'))  # both runs logged
        self.assertEqual(1, logs.count('DB_NAME='))  # only the first had the link

    def test_unknown_log_driver_is_refused_at_create(self):
        with self.assertRaises(errors.APIError) as cm:
            self.create(log_config=types.LogConfig(type='asdf', config={}))
        self.assertEqual(400, cm.exception.status_code)
        self.assertEqual("logger: no log driver named 'asdf' is registered", cm.exception.explanation)
        c = self.create(log_config=types.LogConfig(type='local', config={}))
        self.assertEqual('local', c.attrs['HostConfig']['LogConfig']['Type'])

    def test_prune_reports_the_space_of_removed_layers(self):
        c = self.create('sh -c "echo hello > /data.txt"', labels={P + 'prunesize': '1'})
        c.start()
        self.assertEqual(0, c.wait(timeout=30)['StatusCode'])
        r = self.client.containers.prune(filters={'label': P + 'prunesize'})
        self.assertEqual([c.id], r['ContainersDeleted'])
        self.assertGreater(r['SpaceReclaimed'], 0)

    def test_volume_driver_and_volumes_from_are_shown(self):
        src = self.create(name=P + 'vfsrc%06x' % random.getrandbits(24))
        c = self.create(volume_driver='foo', volumes_from=[src.name])
        self.assertEqual('foo', c.attrs['HostConfig']['VolumeDriver'])
        self.assertEqual([src.name], c.attrs['HostConfig']['VolumesFrom'])
        with self.assertRaises(errors.NotFound) as cm:  # only the local driver can make volumes here
            self.create(volume_driver='foo', volumes=['/data'])
        self.assertIn('error looking up volume plugin foo: plugin "foo" not found', cm.exception.explanation)

    def test_aliases_list_the_short_id_before_api_145(self):
        n = self.client.networks.create(P + 'al', ipam=subnet_ipam())
        self.networks.append(n.id)
        old = docker.APIClient(base_url=os.environ['DOCKER_HOST'], version='1.44', timeout=60)
        nc = old.create_networking_config({P + 'al': old.create_endpoint_config(aliases=['web'])})
        nc['EndpointsConfig'][P + 'al']['DriverOpts'] = {'key1': 'a'}
        r = old.create_container(IMG, 'sleep 300', networking_config=nc,
                                 host_config=old.create_host_config(network_mode=P + 'al'))
        self.containers.append(r['Id'])
        for started in (False, True):
            ep = old.inspect_container(r['Id'])['NetworkSettings']['Networks'][P + 'al']
            self.assertEqual(['web', r['Id'][:12]], ep['Aliases'])
            self.assertEqual({'key1': 'a'}, ep['DriverOpts'])
            ep = self.api.inspect_container(r['Id'])['NetworkSettings']['Networks'][P + 'al']
            self.assertEqual(['web'], ep['Aliases'])  # 1.45 on: the aliases as given
            if not started:
                old.start(r['Id'])
        self.assertIn(r['Id'][:12], ep['DNSNames'])

class NetworkTest(Base):
    def test_ipam_options_are_kept(self):
        n = self.api.create_network(P + 'ipamopt', ipam=types.IPAMConfig(options={'com.example.opt': '9-29'}))
        self.networks.append(n['Id'])
        self.assertEqual({'com.example.opt': '9-29'}, self.api.inspect_network(n['Id'])['IPAM']['Options'])

    def test_create_with_ipam_and_inspect(self):
        ipam = subnet_ipam()
        bridge = 'dpy%06x' % random.getrandbits(24)
        n = self.client.networks.create(P + 'net', driver='bridge', ipam=ipam, labels={'l': 'v'},
                                        options={'com.docker.network.bridge.name': bridge})
        self.networks.append(n.id)
        a = self.api.inspect_network(n.id)
        self.assertEqual(P + 'net', a['Name'])
        self.assertEqual('bridge', a['Driver'])
        self.assertEqual('local', a['Scope'])
        self.assertEqual(ipam['Config'][0]['Subnet'], a['IPAM']['Config'][0]['Subnet'])
        self.assertEqual(ipam['Config'][0]['Gateway'], a['IPAM']['Config'][0]['Gateway'])
        self.assertEqual(bridge, a['Options']['com.docker.network.bridge.name'])
        self.assertEqual('default', a['IPAM']['Driver'])
        self.assertEqual({'l': 'v'}, a['Labels'])
        for k in ('Id', 'Created', 'EnableIPv6', 'Internal', 'Attachable', 'Ingress', 'Containers', 'Options'):
            self.assertIn(k, a)
        self.assertEqual(n.id, self.client.networks.get(P + 'net').id)
        self.assertTrue(self.client.networks.list(names=[P + 'net']))
        self.assertTrue(self.client.networks.list(filters={'label': 'l=v'}))
        self.assertEqual([], self.client.networks.list(names=[P + 'nothing']))

    def test_connect_disconnect_with_aliases(self):
        n = self.client.networks.create(P + 'alias', ipam=subnet_ipam())
        self.networks.append(n.id)
        server = self.run_detached('sleep 300')
        n.connect(server, aliases=['srv', 'server-alias'], ipv4_address=None)
        a = self.api.inspect_container(server.id)['NetworkSettings']['Networks'][P + 'alias']
        self.assertIn('srv', a['Aliases'])
        for k in ('IPAddress', 'Gateway', 'MacAddress', 'NetworkID', 'EndpointID', 'IPPrefixLen'):
            self.assertIn(k, a)
        n.reload()
        self.assertIn(server.id, n.attrs['Containers'])
        self.assertEqual([server.id], [c.id for c in n.containers])
        out = self.client.containers.run(IMG, 'ping -c 1 -W 5 server-alias', network=P + 'alias', remove=True)
        self.assertIn(b'1 packets received', out)
        n.disconnect(server)
        self.assertNotIn(P + 'alias', self.api.inspect_container(server.id)['NetworkSettings']['Networks'])

    def test_run_on_network_with_alias_via_networking_config(self):
        n = self.client.networks.create(P + 'nc', ipam=subnet_ipam())
        self.networks.append(n.id)
        nc = self.api.create_networking_config({P + 'nc': self.api.create_endpoint_config(aliases=['web'])})
        r = self.api.create_container(IMG, 'sleep 300', networking_config=nc,
                                      host_config=self.api.create_host_config(network_mode=P + 'nc'))
        self.containers.append(r['Id'])
        self.api.start(r['Id'])
        nets = self.api.inspect_container(r['Id'])['NetworkSettings']['Networks']
        self.assertEqual([P + 'nc'], list(nets))
        self.assertIn('web', nets[P + 'nc']['Aliases'])
        out = self.client.containers.run(IMG, 'nslookup web', network=P + 'nc', remove=True)
        self.assertIn(nets[P + 'nc']['IPAddress'].encode(), out)

    def test_prune_and_errors(self):
        n = self.client.networks.create(P + 'prune', labels={P + 'p': '1'}, ipam=subnet_ipam())
        r = self.client.networks.prune(filters={'label': P + 'p'})
        self.assertEqual([P + 'prune'], r['NetworksDeleted'])
        with self.assertRaises(errors.NotFound):
            self.client.networks.get(P + 'prune')
        with self.assertRaises(errors.NotFound):
            self.api.remove_network(P + 'prune')

    def test_duplicate_network_name_is_conflict(self):
        n = self.client.networks.create(P + 'dupnet', ipam=subnet_ipam())
        self.networks.append(n.id)
        with self.assertRaises(errors.APIError) as cm:
            self.client.networks.create(P + 'dupnet', ipam=subnet_ipam())
        self.assertEqual(409, cm.exception.status_code)

    def test_endpoint_settings_kept_and_link_alias_resolves(self):
        n = self.client.networks.create(P + 'eps', ipam=subnet_ipam())
        self.networks.append(n.id)
        nc = self.api.create_networking_config({P + 'eps': self.api.create_endpoint_config(
            links=[(P + 'up', 'bar')], link_local_ips=['169.254.8.8'], driver_opt={'com.example.opt': 'on'})})
        r = self.api.create_container(IMG, 'sleep 300', networking_config=nc,
                                      host_config=self.api.create_host_config(network_mode=P + 'eps'))
        self.containers.append(r['Id'])
        self.api.start(r['Id'])
        ep = self.api.inspect_container(r['Id'])['NetworkSettings']['Networks'][P + 'eps']
        self.assertEqual([P + 'up:bar'], ep['Links'])
        self.assertEqual({'com.example.opt': 'on'}, ep['DriverOpts'])
        self.assertEqual(['169.254.8.8'], ep['IPAMConfig']['LinkLocalIPs'])
        self.assertNotIn('IPv4Address', ep['IPAMConfig'])  # moby's omitempty
        e = self.api.exec_create(r['Id'], 'ip -4 addr show eth0')
        self.assertIn(b'inet 169.254.8.8/16', self.api.exec_start(e))
        up = self.run_detached(name=P + 'up', network=P + 'eps')
        up.reload()
        e = self.api.exec_create(r['Id'], 'nslookup bar')
        out = self.api.exec_start(e)
        self.assertEqual(0, self.api.exec_inspect(e)['ExitCode'], out)
        self.assertIn(up.attrs['NetworkSettings']['Networks'][P + 'eps']['IPAddress'].encode(), out)
        # the alias is the linking container's alone
        other = self.client.containers.run(IMG, 'nslookup bar', network=P + 'eps', detach=True)
        self.containers.append(other.id)
        self.assertNotEqual(0, other.wait(timeout=30)['StatusCode'])

    def test_connect_with_mac_address_before_start_and_force_disconnect(self):
        n = self.client.networks.create(P + 'mac', ipam=subnet_ipam())
        self.networks.append(n.id)
        c = self.create('sleep 300')
        # docker-py 5 has no mac_address on connect (7 has): the body it would send
        r = self.api._post_json(self.api._url('/networks/{0}/connect', P + 'mac'),
                                data={'Container': c.id, 'EndpointConfig': {'MacAddress': '02:42:ac:11:00:42'}})
        self.api._raise_for_status(r)
        ep = self.api.inspect_container(c.id)['NetworkSettings']['Networks'][P + 'mac']
        self.assertEqual('02:42:ac:11:00:42', ep['MacAddress'])
        c.start()
        self.assertEqual('02:42:ac:11:00:42',
                         self.api.inspect_container(c.id)['NetworkSettings']['Networks'][P + 'mac']['MacAddress'])
        out = c.exec_run('cat /sys/class/net/eth1/address').output
        self.assertEqual(b'02:42:ac:11:00:42\n', out)
        self.api.disconnect_container_from_network(c.id, P + 'mac', force=True)
        with self.assertRaises(errors.APIError):  # force spares a missing container, not a missing endpoint
            self.api.disconnect_container_from_network(c.id, P + 'mac', force=True)

    def test_ipam_aux_addresses_and_a_name_with_a_space(self):
        octet = _OCTETS.pop()
        ipam = types.IPAMConfig(pool_configs=[types.IPAMPool(
            subnet='10.252.%d.0/24' % octet, iprange='10.252.%d.0/28' % octet, gateway='10.252.%d.14' % octet,
            aux_addresses={'b': '10.252.%d.1' % octet, 'a': '10.252.%d.2' % octet})])
        n = self.api.create_network(P + 'aux net', ipam=ipam)
        self.networks.append(n['Id'])
        config = self.api.inspect_network(P + 'aux net')['IPAM']['Config']
        self.assertEqual([{'Subnet': '10.252.%d.0/24' % octet, 'IPRange': '10.252.%d.0/28' % octet,
                           'Gateway': '10.252.%d.14' % octet,
                           'AuxiliaryAddresses': {'a': '10.252.%d.2' % octet, 'b': '10.252.%d.1' % octet}}], config)
        c = self.run_detached(network=P + 'aux net')
        c.reload()
        self.assertEqual('10.252.%d.3' % octet, c.attrs['NetworkSettings']['Networks'][P + 'aux net']['IPAddress'])
        with self.assertRaises(errors.APIError) as cm:
            self.api.create_network(P + 'aux2', ipam=types.IPAMConfig(pool_configs=[types.IPAMPool(
                subnet='10.252.%d.0/24' % _OCTETS.pop(), aux_addresses={'x': '10.9.9.9'})]))
        self.assertEqual(400, cm.exception.status_code)
        with self.assertRaises(errors.APIError) as cm:
            self.api.create_network('  ')
        self.assertEqual(400, cm.exception.status_code)

    def test_swarm_only_networks_are_forbidden_without_swarm(self):
        for kw in ({'ingress': True}, {'scope': 'swarm'}, {'driver': 'overlay'}):
            with self.assertRaises(errors.APIError) as cm:
                self.networks.append(self.api.create_network(P + 'swarmish', **kw)['Id'])
            self.assertEqual(403, cm.exception.status_code, kw)

    def test_ipv6_pool_and_address_kept_without_enable_ipv6(self):
        n = self.api.create_network(P + 'v6kept', ipam=types.IPAMConfig(
            pool_configs=[types.IPAMPool(subnet='fd00:dbb:%x::/64' % _OCTETS.pop())]))
        self.networks.append(n['Id'])
        a = self.api.inspect_network(n['Id'])
        self.assertFalse(a['EnableIPv6'])
        subnets = [c['Subnet'] for c in a['IPAM']['Config']]
        self.assertEqual(2, len(subnets))  # the IPv6 pool as given, then the IPv4 one barge chose
        self.assertIn(':', subnets[0])
        six = subnets[0].replace('::/64', '::f00d')
        nc = self.api.create_networking_config({P + 'v6kept': self.api.create_endpoint_config(ipv6_address=six)})
        r = self.api.create_container(IMG, 'sleep 300', networking_config=nc,
                                      host_config=self.api.create_host_config(network_mode=P + 'v6kept'))
        self.containers.append(r['Id'])
        self.api.start(r['Id'])
        ep = self.api.inspect_container(r['Id'])['NetworkSettings']['Networks'][P + 'v6kept']
        self.assertEqual(six, ep['IPAMConfig']['IPv6Address'])
        self.assertEqual('', ep['GlobalIPv6Address'])

    def test_ipv6_network_gives_containers_addresses_that_reach_each_other(self):
        prefix = 'fd00:dbc:%x::' % _OCTETS.pop()
        v6 = lambda text: str(ipaddress.IPv6Address(text))  # as Go prints it (RFC 5952): fd00:dbc:0::1 is fd00:dbc::1
        n = self.api.create_network(P + 'v6', enable_ipv6=True, ipam=types.IPAMConfig(pool_configs=[
            types.IPAMPool(subnet=prefix + '/64', gateway=prefix + 'ffff')]))
        self.networks.append(n['Id'])
        self.assertTrue(self.api.inspect_network(n['Id'])['EnableIPv6'])
        a = self.run_detached(network=P + 'v6')
        a.reload()
        ep = a.attrs['NetworkSettings']['Networks'][P + 'v6']
        self.assertEqual(v6(prefix + '1'), ep['GlobalIPv6Address'])
        self.assertEqual(64, ep['GlobalIPv6PrefixLen'])
        self.assertEqual(v6(prefix + 'ffff'), ep['IPv6Gateway'])
        self.assertEqual(v6(prefix + '1') + '/64', self.api.inspect_network(n['Id'])['Containers'][a.id]['IPv6Address'])
        nc = self.api.create_networking_config({P + 'v6': self.api.create_endpoint_config(ipv6_address=prefix + 'f00d')})
        # by name: the embedded DNS answers AAAA on an IPv6 network
        r = self.api.create_container(IMG, 'ping -6 -c 1 -W 5 ' + a.name, networking_config=nc,
                                      host_config=self.api.create_host_config(network_mode=P + 'v6'))
        self.containers.append(r['Id'])
        self.api.start(r['Id'])
        self.assertEqual(0, self.api.wait(r['Id'], timeout=30)['StatusCode'], self.api.logs(r['Id']))
        self.assertEqual(prefix + 'f00d',
                         self.api.inspect_container(r['Id'])['NetworkSettings']['Networks'][P + 'v6']['IPAMConfig']['IPv6Address'])

    def test_default_networks_listed(self):
        names = [n.name for n in self.client.networks.list()]
        for want in ('bridge', 'host', 'none'):
            self.assertIn(want, names)


class VolumeTest(Base):
    def test_create_list_inspect_remove(self):
        v = self.client.volumes.create(P + 'vol', driver='local', labels={'k': 'v'})
        self.volumes.append(v.id)
        self.assertEqual(P + 'vol', v.name)
        a = self.api.inspect_volume(P + 'vol')
        for k in ('Name', 'Driver', 'Mountpoint', 'Labels', 'Scope', 'Options', 'CreatedAt'):
            self.assertIn(k, a)
        self.assertEqual({'k': 'v'}, a['Labels'])
        self.assertEqual('local', a['Scope'])
        self.assertIn(P + 'vol', [x.name for x in self.client.volumes.list()])
        self.assertEqual([P + 'vol'], [x.name for x in self.client.volumes.list(filters={'label': 'k=v', 'name': P + 'vol'})])
        r = self.api.volumes()
        self.assertIn('Warnings', r)
        v.remove()
        with self.assertRaises(errors.NotFound):
            self.client.volumes.get(P + 'vol')

    def test_create_is_idempotent(self):
        a = self.client.volumes.create(P + 'idem')
        self.volumes.append(a.id)
        b = self.client.volumes.create(P + 'idem')
        self.assertEqual(a.id, b.id)

    def test_volume_in_use_is_conflict(self):
        v = self.client.volumes.create(P + 'used')
        self.volumes.append(v.id)
        self.create(volumes={P + 'used': {'bind': '/v', 'mode': 'rw'}})
        with self.assertRaises(errors.APIError) as cm:
            v.remove()
        self.assertEqual(409, cm.exception.status_code)

    def test_prune_keeps_named_volumes_unless_all(self):
        v = self.client.volumes.create(P + 'prunev', labels={P + 'pv': '1'})
        self.volumes.append(v.id)
        r = self.client.volumes.prune(filters={'label': P + 'pv'})
        self.assertEqual([], r['VolumesDeleted'] or [])
        self.assertIn('SpaceReclaimed', r)
        r = self.client.volumes.prune(filters={'label': P + 'pv', 'all': True})
        self.assertIn(P + 'prunev', r['VolumesDeleted'])

    def test_unnamed_create_is_anonymous_so_prune_takes_it(self):
        v = self.api.create_volume(labels={P + 'anon': '1'})  # sends "Name": null, as docker-py's own suite does
        self.volumes.append(v['Name'])
        self.assertIn('com.docker.volume.anonymous', v['Labels'])
        r = self.api.prune_volumes(filters={'label': P + 'anon'})
        self.assertIn(v['Name'], r['VolumesDeleted'])

    def test_prune_before_api_142_removes_named_volumes(self):
        old = docker.APIClient(base_url=os.environ['DOCKER_HOST'], version='1.41', timeout=60)
        old.create_volume(P + 'prune141', labels={P + 'pv141': '1'})
        self.volumes.append(P + 'prune141')
        r = old.prune_volumes(filters={'label': P + 'pv141'})
        self.assertIn(P + 'prune141', r['VolumesDeleted'])

    def test_data_persists_between_containers(self):
        v = self.client.volumes.create(P + 'data')
        self.volumes.append(v.id)
        self.client.containers.run(IMG, 'sh -c "echo kept > /v/f"', volumes=[P + 'data:/v'], remove=True)
        out = self.client.containers.run(IMG, 'cat /v/f', volumes=[P + 'data:/v:ro'], remove=True)
        self.assertEqual(b'kept\n', out)


if __name__ == '__main__':
    unittest.main(verbosity=2)


class HostConfigFieldsTest(Base):
    """What docker-compose 1.29 reads back from inspect: HostConfig fields kept as dockerd keeps them."""

    def test_less_common_knobs_kept_and_shown(self):
        hc = self.api.create_host_config(cpu_count=2, cpu_rt_period=150000, cpu_rt_runtime=40000,
                                         mem_reservation='20m', mem_swappiness=11, oom_kill_disable=True,
                                         oom_score_adj=500, volume_driver='foodriver', userns_mode='host')
        r = self.api.create_container(IMG, 'true', host_config=hc, name=P + 'knobs')
        self.containers.append(r['Id'])
        h = self.api.inspect_container(r['Id'])['HostConfig']
        self.assertEqual(2, h['CpuCount'])
        self.assertEqual(150000, h['CpuRealtimePeriod'])
        self.assertEqual(40000, h['CpuRealtimeRuntime'])
        self.assertEqual(20 * 1024 * 1024, h['MemoryReservation'])
        self.assertEqual(11, h['MemorySwappiness'])
        self.assertIs(True, h['OomKillDisable'])
        self.assertEqual(500, h['OomScoreAdj'])
        self.assertEqual('foodriver', h['VolumeDriver'])
        self.assertEqual('host', h['UsernsMode'])

    def test_unset_knobs_are_null_as_dockerd_keeps_them(self):
        c = self.create()
        h = self.api.inspect_container(c.id)['HostConfig']
        self.assertIsNone(h['MemorySwappiness'])
        self.assertIsNone(h['Dns'])  # docker-py sends no Dns: dockerd keeps it nil
        self.assertIs(False, h['OomKillDisable'])

    def test_bad_swappiness_and_oom_score_refused(self):
        for hc in (self.api.create_host_config(mem_swappiness=101), self.api.create_host_config(oom_score_adj=1001)):
            with self.assertRaises(errors.APIError) as e:
                r = self.api.create_container(IMG, 'true', host_config=hc)
                self.containers.append(r['Id'])
            self.assertEqual(400, e.exception.status_code)

    def test_oom_score_adj_applied_to_the_process(self):
        out = self.client.containers.run(IMG, 'cat /proc/self/oom_score_adj', oom_score_adj=500, remove=True)
        self.assertEqual(b'500\n', out)

    def test_mount_tmpfs_options_shown_as_given(self):
        c = self.create(mounts=[types.Mount('/t', None, type='tmpfs', tmpfs_size=5368709)])
        m = self.api.inspect_container(c.id)['HostConfig']['Mounts']
        self.assertEqual([{'Type': 'tmpfs', 'Target': '/t', 'TmpfsOptions': {'SizeBytes': 5368709}}], m)

    def test_asked_mac_address_shown_in_config(self):
        old = docker.APIClient(base_url=os.environ['DOCKER_HOST'], version='1.38', timeout=60)
        r = old.create_container(IMG, 'true', mac_address='02:42:ac:11:65:43', name=P + 'mac')
        self.containers.append(r['Id'])
        self.assertEqual('02:42:ac:11:65:43', old.inspect_container(r['Id'])['Config']['MacAddress'])
        self.assertNotIn('MacAddress', self.api.inspect_container(self.create().id)['Config'])

    def test_links_shown_in_host_config(self):
        self.create(name=P + 'ldb')
        r = self.api.create_container(IMG, 'true', name=P + 'lweb',
                                      host_config=self.api.create_host_config(links={P + 'ldb': 'db'}))
        self.containers.append(r['Id'])
        links = self.api.inspect_container(r['Id'])['HostConfig']['Links']
        self.assertEqual(['/%sldb:/%slweb/db' % (P, P)], links)

    def test_volumes_from_shown_as_given(self):
        src = self.create(name=P + 'vfsrc')
        c = self.create(volumes_from=[src.id + ':rw'])
        self.assertEqual([src.id + ':rw'], self.api.inspect_container(c.id)['HostConfig']['VolumesFrom'])

    def test_commit_of_a_created_container(self):
        c = self.create()
        img = c.commit(P + 'fromcreated', 'v1')
        self.images.append(P + 'fromcreated:v1')
        self.assertTrue(img.id.startswith('sha256:'))

    def test_built_image_container_config_is_the_step(self):
        df = b'FROM busybox:latest\nARG v\nRUN echo ${v}\n'
        tag = P + 'buildargs:v1'
        for _ in self.api.build(fileobj=io.BytesIO(df), tag=tag, buildargs={'v': '1'}, rm=True, decode=True):
            pass
        self.images.append(tag)
        old = docker.APIClient(base_url=os.environ['DOCKER_HOST'], version='1.41', timeout=60)
        self.assertEqual(['|1', 'v=1', '/bin/sh', '-c', 'echo ${v}'], old.inspect_image(tag)['ContainerConfig']['Cmd'])
