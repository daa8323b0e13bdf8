import { Module } from '@nestjs/common';
import { PasswordHasher } from '../../infra/crypto/password-hasher';
import { AuditModule } from '../audit/audit.module';
import { AccountsService } from './accounts.service';

@Module({ imports: [AuditModule], providers: [AccountsService, PasswordHasher], exports: [AccountsService, PasswordHasher] })
export class AccountsModule {}
