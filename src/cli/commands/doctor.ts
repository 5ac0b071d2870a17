/**
 * `voxgate doctor`: checks what a working install needs (system tools that
 * later features use, free ports, a writable data directory) and prints the
 * command that fixes each missing piece. Exits 1 when something is missing.
 */
import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Config } from '../../config.js';
import type { CliOutput } from '../output.js';

interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly fix?: string;
}

/** System tools and the Debian package that provides each. */
export const SYSTEM_TOOLS = [
  { command: 'sipp', debianPackage: 'sip-tester', usedFor: 'SIP load tests and protocol scenarios' },
  { command: 'espeak-ng', debianPackage: 'espeak-ng', usedFor: 'built-in text-to-speech' },
  { command: 'sox', debianPackage: 'sox', usedFor: 'audio conversion of prompts and recordings' },
] as const;

function onPath(command: string, envPath: string): string | null {
  for (const dir of envPath.split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

function tcpFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function udpFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
    socket.once('error', () => {
      socket.close();
      resolve(false);
    });
    socket.bind({ address: host, port, exclusive: true }, () => socket.close(() => resolve(true)));
  });
}

function dataDirWritable(dir: string): Check {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.doctor-${process.pid}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
    return { name: 'data directory', ok: true, detail: `${dir} is writable` };
  } catch (error) {
    return {
      name: 'data directory',
      ok: false,
      detail: `${dir} is not writable (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      fix: `mkdir -p ${dir} && chown "$(id -u)" ${dir}, or set VOXGATE_DATA_DIR`,
    };
  }
}

export interface DoctorOptions {
  readonly envPath?: string;
}

export async function runDoctorChecks(config: Config, options: DoctorOptions = {}): Promise<Check[]> {
  const envPath = options.envPath ?? process.env['PATH'] ?? '';
  const checks: Check[] = [];
  for (const tool of SYSTEM_TOOLS) {
    const found = onPath(tool.command, envPath);
    checks.push(
      found === null
        ? {
            name: tool.command,
            ok: false,
            detail: `not found (${tool.usedFor})`,
            fix: `sudo apt-get install -y ${tool.debianPackage}`,
          }
        : { name: tool.command, ok: true, detail: found },
    );
  }
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  checks.push({
    name: 'node',
    ok: nodeMajor >= 20,
    detail: `v${process.versions.node}`,
    ...(nodeMajor >= 20 ? {} : { fix: 'install Node.js 20 or later' }),
  });
  const http = await tcpFree(config.httpHost, config.httpPort);
  checks.push({
    name: 'HTTP port',
    ok: http,
    detail: `${config.httpHost}:${config.httpPort} (TCP) ${http ? 'is free' : 'is in use'}`,
    ...(http ? {} : { fix: 'stop what listens there, or set VOXGATE_HTTP_PORT' }),
  });
  const sip =
    (await udpFree(config.sipHost, config.sipPort)) && (await tcpFree(config.sipHost, config.sipPort));
  checks.push({
    name: 'SIP port',
    ok: sip,
    detail: `${config.sipHost}:${config.sipPort} (UDP and TCP) ${sip ? 'is free' : 'is in use'}`,
    ...(sip ? {} : { fix: 'stop what listens there, or set VOXGATE_SIP_PORT' }),
  });
  checks.push(dataDirWritable(config.dataDir));
  return checks;
}

export async function doctorCommand(
  config: Config,
  output: CliOutput,
  options: DoctorOptions = {},
): Promise<number> {
  const checks = await runDoctorChecks(config, options);
  for (const check of checks) {
    output.out(`${check.ok ? 'ok     ' : 'MISSING'}  ${check.name}: ${check.detail}`);
  }
  const missing = checks.filter((c) => !c.ok);
  if (missing.length === 0) {
    output.out('everything Voxgate needs is here');
    return 0;
  }
  output.out('');
  output.out('to fix:');
  const packages = SYSTEM_TOOLS.filter((t) => missing.some((m) => m.name === t.command)).map(
    (t) => t.debianPackage,
  );
  if (packages.length > 0)
    output.out(`  sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`);
  for (const check of missing) {
    if (check.fix !== undefined && !SYSTEM_TOOLS.some((t) => t.command === check.name)) {
      output.out(`  ${check.name}: ${check.fix}`);
    }
  }
  return 1;
}
