import { DataSource, In } from 'typeorm';
import { normaliseEmail } from '../app/accounts/accounts.service';
import { UserEntity } from '../app/accounts/entities/user.entity';
import { GroupsService } from '../app/accounts/groups/groups.service';
import { CLI_CONTEXT } from '../app/http/request-context';
import { missingGroupMessage, table, type CommandEnv } from './app-commands';

/** `group create|list|add|remove`; returns the exit code, throws for failures. */
export async function runGroupCommand(sub: string | undefined, args: string[], options: { description?: string }, env: CommandEnv): Promise<number> {
  if (sub === 'create') {
    if (args.length !== 1) throw env.usage('group create needs one name (quote it if it has spaces)');
    return env.withApp(async (app) => {
      const group = await app.get(GroupsService).create({ name: args[0], description: options.description }, 'cli', CLI_CONTEXT);
      env.out({ group }, `Created the group "${group.name}".`);
      return 0;
    });
  }
  if (sub === 'list') {
    if (args.length) throw env.usage('group list takes no arguments');
    return env.withApp(async (app) => {
      const groups = await app.get(GroupsService).list();
      env.out({ groups }, groups.length ? table(['NAME', 'MEMBERS', 'DESCRIPTION'], groups.map((g) => [g.name, String(g.memberCount), g.description])) : 'No groups yet.');
      return 0;
    });
  }
  if (sub === 'add' || sub === 'remove') {
    const [name, ...emails] = args;
    if (!name || emails.length === 0) throw env.usage(`group ${sub} needs a group name and at least one email`);
    return env.withApp(async (app) => {
      const groups = app.get(GroupsService);
      const group = await groups.findByName(name);
      if (!group) throw env.usage(missingGroupMessage(name));
      const users = await usersByEmail(app.get(DataSource), emails, env);
      const before = new Set((await groups.members(group.id)).map((m) => m.id));
      if (sub === 'add') await groups.addMembers(group.id, users.map((u) => u.id), 'cli', CLI_CONTEXT);
      else await groups.removeMembers(group.id, users.map((u) => u.id), 'cli', CLI_CONTEXT);
      const view = await groups.get(group.id);
      const changed = users.filter((u) => before.has(u.id) === (sub === 'remove')).map((u) => u.email);
      const unchanged = users.filter((u) => !changed.includes(u.email)).map((u) => u.email);
      const verb = sub === 'add' ? 'Added' : 'Removed';
      const text =
        `${verb} ${changed.length} ${changed.length === 1 ? 'person' : 'people'} ${sub === 'add' ? 'to' : 'from'} "${view.name}" (now ${view.memberCount} member${view.memberCount === 1 ? '' : 's'}).` +
        (unchanged.length ? `\n${sub === 'add' ? 'Already members' : 'Were not members'}: ${unchanged.join(', ')}` : '');
      env.out({ group: view, [sub === 'add' ? 'added' : 'removed']: changed, unchanged }, text);
      return 0;
    });
  }
  throw env.usage(`unknown command "${['group', sub, ...args].filter(Boolean).join(' ')}"`);
}

/** Every email must be someone's (exit 2 naming those that aren't). */
async function usersByEmail(dataSource: DataSource, emails: string[], env: CommandEnv): Promise<UserEntity[]> {
  const wanted = [...new Set(emails.map(normaliseEmail))];
  const users = await dataSource.getRepository(UserEntity).find({ select: { id: true, email: true }, where: { email: In(wanted) } });
  const missing = wanted.filter((e) => !users.some((u) => u.email === e));
  if (missing.length) throw env.usage(`no user has the email ${missing.map((e) => `"${e}"`).join(', ')} (see \`user list\`)`);
  return wanted.map((e) => users.find((u) => u.email === e) as UserEntity);
}
