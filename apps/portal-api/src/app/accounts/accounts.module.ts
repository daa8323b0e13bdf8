import { Module } from '@nestjs/common';
import { PasswordHasher } from '../../infra/crypto/password-hasher';
import { AuditModule } from '../audit/audit.module';
import { AccountAccess } from './account-access';
import { AccountsService } from './accounts.service';
import { SecondFactorModule } from './second-factor/second-factor.module';

@Module({
  imports: [AuditModule, SecondFactorModule],
  providers: [AccountsService, AccountAccess, PasswordHasher],
  exports: [AccountsService, AccountAccess, PasswordHasher, SecondFactorModule],
})
export class AccountsModule {}
